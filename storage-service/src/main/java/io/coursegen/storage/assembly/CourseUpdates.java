package io.coursegen.storage.assembly;

import static io.coursegen.storage.course.CourseDocuments.CREATED_AT;
import static io.coursegen.storage.course.CourseDocuments.EDITED_AT;
import static io.coursegen.storage.course.CourseDocuments.FAILED_AT;
import static io.coursegen.storage.course.CourseDocuments.FAILURES;
import static io.coursegen.storage.course.CourseDocuments.GENERATED_AT;
import static io.coursegen.storage.course.CourseDocuments.IMAGES;
import static io.coursegen.storage.course.CourseDocuments.IMAGE_PENDING;
import static io.coursegen.storage.course.CourseDocuments.IMAGE_VERSIONS;
import static io.coursegen.storage.course.CourseDocuments.LESSONS;
import static io.coursegen.storage.course.CourseDocuments.LESSON_CONTENT;
import static io.coursegen.storage.course.CourseDocuments.LESSON_ID;
import static io.coursegen.storage.course.CourseDocuments.LESSON_PENDING;
import static io.coursegen.storage.course.CourseDocuments.LESSON_PLAN;
import static io.coursegen.storage.course.CourseDocuments.OUTLINE;
import static io.coursegen.storage.course.CourseDocuments.OUTLINED_AT;
import static io.coursegen.storage.course.CourseDocuments.OUTLINE_USAGE;
import static io.coursegen.storage.course.CourseDocuments.PART_ID;
import static io.coursegen.storage.course.CourseDocuments.PART_REVISION;
import static io.coursegen.storage.course.CourseDocuments.REASON;
import static io.coursegen.storage.course.CourseDocuments.REGENERATIONS;
import static io.coursegen.storage.course.CourseDocuments.SPEC;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static io.coursegen.storage.course.CourseDocuments.USAGE;
import static io.coursegen.storage.course.CourseDocuments.VERSIONS;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.CoursePartFailed;
import io.coursegen.contracts.ImageGenerated;
import io.coursegen.contracts.LessonGenerated;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.Usage;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.FieldKeys;
import io.coursegen.storage.course.StoredCourse.StoredImage;
import io.coursegen.storage.course.StoredCourse.StoredOutline;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * One update per event, touching only the paths that event owns, so applying it again or in any order relative
 * to the others gives the same document. The intake creates the course ({@code storage.intake}); an event that
 * finds none (a late part of a deleted course) creates a provisional document with a {@code createdAt} of its own.
 */
@Component
class CourseUpdates {

    private final CourseDocuments documents;

    CourseUpdates(CourseDocuments documents) {
        this.documents = documents;
    }

    Update outlined(CourseOutlined event) {
        Outline outline = event.outline();
        require(outline != null && outline.lessons() != null, "course.outlined without an outline or its lessons");
        Update update = provisional()
                .set(OUTLINE, documents.toDocument(StoredOutline.of(outline)))
                .set(OUTLINED_AT, dateOrNow(event.outlinedAt()))
                .set(OUTLINE_USAGE, usage(event.usage()));
        if (event.tenantId() != null) {
            // the request is authoritative for the tenant; this only makes an early outline visible to its owner
            update.setOnInsert(TENANT_ID, event.tenantId());
        }
        for (Outline.OutlineLesson lesson : outline.lessons()) {
            String path = FieldKeys.path(LESSONS, lesson.lessonId());
            update.set(path + "." + LESSON_ID, lesson.lessonId())
                    .set(path + "." + LESSON_PLAN, documents.toDocument(lesson));
        }
        return update;
    }

    /**
     * A lesson text is shown unless the owner asked for a newer revision meanwhile (or wrote one by hand); then it is
     * kept as a version.
     * A text of the requested revision (or newer) also ends the regeneration's wait for the text.
     */
    RevisionedUpdate lessonGenerated(LessonGenerated event) {
        require(event.lesson() != null && event.lessonId() != null, "lesson.generated without a lesson");
        String path = FieldKeys.path(LESSONS, event.lessonId());
        int revision = revisionOf(event.revision());
        Date generatedAt = dateOrNow(event.generatedAt());
        Update show = provisional()
                .set(path + "." + LESSON_ID, event.lessonId())
                .set(path + "." + LESSON_CONTENT, documents.toDocument(event.lesson()))
                .set(path + "." + USAGE, usage(event.usage()))
                .set(path + "." + GENERATED_AT, generatedAt)
                .set(path + "." + PART_REVISION, revision)
                // the shown text is the model's now (a hand edit is replaced only by a regeneration asked after it)
                .unset(path + "." + EDITED_AT);
        if (event.revision() != null) {
            show.set(FieldKeys.path(REGENERATIONS, event.lessonId()) + "." + LESSON_PENDING, false);
        }
        Document version = lessonVersion(revision, documents.toDocument(event.lesson()), usage(event.usage()),
                generatedAt);
        Update keep = provisional().addToSet(path + "." + VERSIONS, version);
        return new RevisionedUpdate(requestedRevisionPath(event.lessonId()), revision, show, keep);
    }

    /** Like a lesson text: a lesson's picture follows the regeneration of its lesson; the cover never has one. */
    RevisionedUpdate imageGenerated(ImageGenerated event) {
        require(event.objectKey() != null && event.imageId() != null, "image.generated without an object key");
        int revision = revisionOf(event.revision());
        Document image = documents.toDocument(new StoredImage(event.imageId(), event.lessonId(), event.objectKey(),
                event.contentType(), event.width(), event.height(), event.byteSize(), event.sha256(),
                event.visualConcept(), event.caption(), event.altText(), event.prompt(), event.usage(), revision))
                .append(GENERATED_AT, dateOrNow(event.generatedAt()));
        Update show = provisional().set(FieldKeys.path(IMAGES, event.imageId()), image);
        if (event.revision() != null) {
            show.set(FieldKeys.path(REGENERATIONS, event.imageId()) + "." + IMAGE_PENDING, false);
        }
        Update keep = provisional().addToSet(FieldKeys.path(IMAGE_VERSIONS, event.imageId()), image);
        return new RevisionedUpdate(requestedRevisionPath(event.imageId()), revision, show, keep);
    }

    /** The shape {@link CourseDocuments#asLessonVersion} keeps a shown text in, so a replayed old text is not added twice. */
    static Document lessonVersion(int revision, Object content, Object usage, Date generatedAt) {
        return new Document(PART_REVISION, revision)
                .append(LESSON_CONTENT, content)
                .append(USAGE, usage)
                .append(GENERATED_AT, generatedAt);
    }

    private static String requestedRevisionPath(String lessonId) {
        return FieldKeys.path(REGENERATIONS, lessonId) + "." + PART_REVISION;
    }

    /** A result without a revision is a first generation. */
    private static int revisionOf(Integer revision) {
        return revision == null ? 1 : revision;
    }

    Update partFailed(CoursePartFailed event) {
        Document failure = new Document(PART_ID, event.partId())
                .append(REASON, event.reason())
                .append(FAILED_AT, dateOrNow(event.failedAt()));
        return provisional().set(FieldKeys.path(FAILURES, event.partId()), failure);
    }

    private Update provisional() {
        return new Update().setOnInsert(CREATED_AT, now());
    }

    private Document usage(Usage usage) {
        return usage == null ? null : documents.toDocument(usage);
    }

    private Date dateOrNow(Instant instant) {
        return instant == null ? now() : Date.from(instant);
    }

    private Date now() {
        return new Date();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
