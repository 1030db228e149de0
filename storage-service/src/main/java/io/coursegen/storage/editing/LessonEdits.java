package io.coursegen.storage.editing;

import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.EDITED_AT;
import static io.coursegen.storage.course.CourseDocuments.GENERATED_AT;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.IMAGES;
import static io.coursegen.storage.course.CourseDocuments.IMAGE_ALT_TEXT;
import static io.coursegen.storage.course.CourseDocuments.IMAGE_CAPTION;
import static io.coursegen.storage.course.CourseDocuments.IMAGE_VERSIONS;
import static io.coursegen.storage.course.CourseDocuments.LESSONS;
import static io.coursegen.storage.course.CourseDocuments.LESSON_CONTENT;
import static io.coursegen.storage.course.CourseDocuments.LESSON_ID;
import static io.coursegen.storage.course.CourseDocuments.PART_REVISION;
import static io.coursegen.storage.course.CourseDocuments.REGENERATIONS;
import static io.coursegen.storage.course.CourseDocuments.REVISION;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static io.coursegen.storage.course.CourseDocuments.UPDATED_AT;
import static io.coursegen.storage.course.CourseDocuments.USAGE;
import static io.coursegen.storage.course.CourseDocuments.VERSIONS;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonRules;
import io.coursegen.contracts.LessonRules.Problem;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.FieldKeys;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.course.StoredCourse.Regeneration;
import io.coursegen.storage.course.StoredCourse.StoredImage;
import io.coursegen.storage.course.StoredCourse.StoredLesson;
import io.coursegen.storage.editing.EditOutcome.Result;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** See the package documentation. Nothing here blocks a Netty thread. */
@Component
public class LessonEdits {

    private static final Logger log = LoggerFactory.getLogger(LessonEdits.class);
    /** Each retry means something else changed the course between the read and the update. */
    private static final int ATTEMPTS = 10;

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;

    LessonEdits(ReactiveMongoTemplate mongo, CourseDocuments documents) {
        this.mongo = mongo;
        this.documents = documents;
    }

    /**
     * Shows the owner's edit of a lesson as its next revision.
     *
     * @param expectedRevision the lesson revision the edit was made on ({@code If-Match}); null for whichever is shown
     * @param edit             not {@link LessonEdit#isEmpty() empty}
     */
    public Mono<EditOutcome> edit(String tenantId, String courseId, String lessonId, Integer expectedRevision,
            LessonEdit edit) {
        return attempt(tenantId, courseId, lessonId, expectedRevision, edit, 1);
    }

    private Mono<EditOutcome> attempt(String tenantId, String courseId, String lessonId, Integer expectedRevision,
            LessonEdit edit, int attempt) {
        return mongo.findById(courseId, Document.class, COLLECTION)
                .filter(raw -> tenantId.equals(raw.getString(TENANT_ID)))
                .flatMap(raw -> {
                    StoredCourse course = documents.read(raw);
                    StoredLesson lesson = course.lessons().get(lessonId);
                    if (lesson == null || lesson.plan() == null) {
                        return Mono.just(EditOutcome.of(Result.LESSON_NOT_FOUND));
                    }
                    // a regeneration makes the course GENERATING until its text and picture landed; a COMPLETED
                    // course has both of every lesson
                    StoredImage picture = course.images().get(lessonId);
                    if (course.status() != CourseStatus.COMPLETED || lesson.content() == null || picture == null) {
                        return Mono.just(EditOutcome.notEditable(course.status()));
                    }
                    int shown = revisionOf(lesson.revision());
                    if (expectedRevision != null && expectedRevision != shown) {
                        return Mono.just(EditOutcome.stale(shown));
                    }
                    Lesson edited = edit.applyTo(lesson.content());
                    String caption = edit.caption(picture.caption());
                    String altText = edit.altText(picture.altText());
                    List<Problem> problems = new ArrayList<>(edit.problems());
                    problems.addAll(LessonRules.problemsByField(course.spec().includeQuiz(), edited));
                    LessonRules.pictureProblems(caption, altText).forEach(problem ->
                            problems.add(new Problem("picture." + problem.field(), problem.message())));
                    if (!problems.isEmpty()) {
                        return Mono.just(EditOutcome.invalid(problems));
                    }
                    int revision = nextRevision(course, lesson);
                    return mongo.findAndModify(
                                    query(where(ID).is(courseId).and(TENANT_ID).is(tenantId)
                                            .and(STATUS).is(CourseStatus.COMPLETED.name())
                                            .and(REVISION).is(course.revision())),
                                    edited(raw, lessonId, revision, edited, caption, altText),
                                    FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                            .map(documents::read)
                            .doOnNext(saved -> log.info("Lesson {} of course {}: its owner saved revision {} by hand",
                                    lessonId, courseId, revision))
                            .map(saved -> EditOutcome.edited(saved, revision))
                            .switchIfEmpty(Mono.defer(() -> attempt < ATTEMPTS
                                    ? attempt(tenantId, courseId, lessonId, expectedRevision, edit, attempt + 1)
                                    : Mono.error(new IllegalStateException("Course " + courseId
                                            + " kept changing while its lesson was to be edited"))));
                })
                .defaultIfEmpty(EditOutcome.of(Result.COURSE_NOT_FOUND));
    }

    /** After the shown text and after any revision a regeneration asked for, as a regeneration counts. */
    private static int nextRevision(StoredCourse course, StoredLesson lesson) {
        Regeneration previous = course.regenerations().get(lesson.lessonId());
        return Math.max(revisionOf(lesson.revision()), previous == null ? 1 : previous.revision()) + 1;
    }

    /**
     * The shown text and picture become versions as a regeneration keeps them; the edited text is shown without the
     * model's usage and time (it cost nothing and no model wrote it), and the same picture with the edited texts.
     * Picture and text move to the new revision together even when only one of them was edited, so every revision of
     * the lesson has both and each version shows the picture it was shown with.
     */
    private Update edited(Document raw, String lessonId, int revision, Lesson edited, String caption, String altText) {
        String lessonPath = FieldKeys.path(LESSONS, lessonId);
        Document shownLesson = raw.get(LESSONS, Document.class).get(FieldKeys.encode(lessonId), Document.class);
        Document shownImage = raw.get(IMAGES, Document.class).get(FieldKeys.encode(lessonId), Document.class);
        Document editedImage = new Document(shownImage)
                .append(IMAGE_CAPTION, caption)
                .append(IMAGE_ALT_TEXT, altText)
                .append(PART_REVISION, revision);
        editedImage.remove(USAGE);
        String requested = FieldKeys.path(REGENERATIONS, lessonId);
        return new Update()
                .push(lessonPath + "." + VERSIONS, CourseDocuments.asLessonVersion(shownLesson))
                .set(lessonPath + "." + LESSON_CONTENT, documents.toDocument(edited))
                .set(lessonPath + "." + PART_REVISION, revision)
                .set(lessonPath + "." + EDITED_AT, new Date())
                .unset(lessonPath + "." + USAGE)
                .unset(lessonPath + "." + GENERATED_AT)
                .push(FieldKeys.path(IMAGE_VERSIONS, lessonId), CourseDocuments.asImageVersion(shownImage))
                .set(FieldKeys.path(IMAGES, lessonId), editedImage)
                // a model's result older than the edit, delivered late or again, is kept as a version, not shown
                .set(requested + "." + LESSON_ID, lessonId)
                .set(requested + "." + PART_REVISION, revision)
                .inc(REVISION, 1)
                .currentDate(UPDATED_AT);
    }

    private static int revisionOf(Integer revision) {
        return revision == null ? 1 : revision;
    }
}
