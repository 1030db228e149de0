package io.coursegen.storage.metrics;

import static io.coursegen.storage.course.CourseDocuments.ADMITTED_AT;
import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.COMPLETED_AT;
import static io.coursegen.storage.course.CourseDocuments.GENERATED_AT;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.IMAGES;
import static io.coursegen.storage.course.CourseDocuments.LESSONS;
import static io.coursegen.storage.course.CourseDocuments.METERED;
import static io.coursegen.storage.course.CourseDocuments.OUTLINED_AT;
import static io.coursegen.storage.course.CourseDocuments.REGENERATIONS;
import static io.coursegen.storage.course.CourseDocuments.REQUESTED_AT;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.UPDATED_AT;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.ImageGenerated;
import io.coursegen.contracts.LessonGenerated;
import io.coursegen.storage.course.FieldKeys;
import io.coursegen.storage.metrics.PipelineMeters.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Records what storage applied, once per course and part (see the package documentation).
 *
 * <p>The event hooks run on Kafka consumer threads after the event was applied and block on one conditional
 * update (like the assembler). {@link #courseFinished} does no I/O, so it may run anywhere, a Netty thread
 * included. The mark update leaves {@code revision} alone, so it never makes a status decision retry.
 */
@Component
public class CourseMetering {

    private static final Duration MONGO_TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;
    private final PipelineMeters meters;

    CourseMetering(ReactiveMongoTemplate mongo, PipelineMeters meters) {
        this.mongo = mongo;
        this.meters = meters;
    }

    /** How long completed courses took from request to completion on average, since this instance started. */
    public Optional<Duration> typicalCourseDuration() {
        return meters.meanCompletedCourse();
    }

    /** The intake's insert is the one moment a course comes to exist, so it is counted without a claim (no I/O). */
    public void accepted() {
        meters.courseRequested();
    }

    public void outlined(String courseId, CourseOutlined event) {
        claim(courseId, "outline").ifPresent(course -> {
            // from admission: the waiting room is the admission wait's meter, not the outline's
            Instant started = Optional.ofNullable(instant(course, ADMITTED_AT)).orElse(instant(course, REQUESTED_AT));
            meters.stage(Stage.OUTLINE, between(started, event.outlinedAt()));
            meters.spent(event.usage());
        });
    }

    /** A regenerated text is paid for too, but its time from the outline is no stage latency. */
    public void lessonGenerated(String courseId, LessonGenerated event) {
        claim(courseId, "lesson:" + event.lessonId() + "@" + revision(event.revision())).ifPresent(course -> {
            if (event.revision() == null || event.revision() == 1) {
                meters.stage(Stage.LESSON, between(instant(course, OUTLINED_AT), event.generatedAt()));
            }
            meters.spent(event.usage());
        });
    }

    public void imageGenerated(String courseId, ImageGenerated event) {
        claim(courseId, "image:" + event.imageId() + "@" + revision(event.revision())).ifPresent(course -> {
            if (event.revision() == null || event.revision() == 1) {
                meters.stage(Stage.PICTURE, between(instant(course, OUTLINED_AT), event.generatedAt()));
            }
            meters.pictureGenerated();
            meters.spent(event.usage());
        });
    }

    /**
     * Called with the document as the transition into a final status wrote it; that write happens once per
     * course. A course with regenerations finished before: its lesson's second round is not another course.
     */
    public void courseFinished(Document course) {
        if (course.get(REGENERATIONS) instanceof Document regenerations && !regenerations.isEmpty()) {
            return;
        }
        CourseStatus status = CourseStatus.valueOf(course.getString(STATUS));
        Instant finishedAt = Optional.ofNullable(instant(course, status == CourseStatus.COMPLETED ? COMPLETED_AT : UPDATED_AT))
                .orElseGet(Instant::now);
        meters.courseFinished(status, between(instant(course, REQUESTED_AT), finishedAt));
        if (status == CourseStatus.COMPLETED) {
            meters.stage(Stage.ASSEMBLY, between(lastPartAt(course), finishedAt));
        }
    }

    /** Sets the part's mark if it is not set yet; the course as written if this call set it. */
    private Optional<Document> claim(String courseId, String part) {
        String mark = FieldKeys.path(METERED, part);
        return mongo.findAndModify(query(where(ID).is(courseId).and(mark).exists(false)), new Update().set(mark, true),
                        FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .blockOptional(MONGO_TIMEOUT);
    }

    private static Instant lastPartAt(Document course) {
        return Stream.of(LESSONS, IMAGES)
                .map(field -> course.get(field, Document.class))
                .filter(Objects::nonNull)
                .flatMap(parts -> parts.values().stream())
                .filter(Document.class::isInstance)
                .map(part -> instant((Document) part, GENERATED_AT))
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
    }

    private static int revision(Integer revision) {
        return revision == null ? 1 : revision;
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to);
    }

    private static Instant instant(Document document, String field) {
        return document.get(field) instanceof Date date ? date.toInstant() : null;
    }
}
