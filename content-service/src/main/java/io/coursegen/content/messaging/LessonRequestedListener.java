package io.coursegen.content.messaging;

import io.coursegen.content.writing.ModeratedLessonWriter;
import io.coursegen.content.writing.WrittenLesson;
import io.coursegen.contracts.LessonGenerated;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Topics;
import io.coursegen.kafka.CancelledCourses;
import io.coursegen.kafka.PublishedParts;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

@Component
class LessonRequestedListener {

    private static final Logger log = LoggerFactory.getLogger(LessonRequestedListener.class);

    private final ModeratedLessonWriter writer;
    private final KafkaTemplate<String, Object> kafka;
    private final CancelledCourses cancelled;
    private final PublishedParts published;

    LessonRequestedListener(ModeratedLessonWriter writer, KafkaTemplate<String, Object> kafka, CancelledCourses cancelled,
            PublishedParts published) {
        this.writer = writer;
        this.kafka = kafka;
        this.cancelled = cancelled;
        this.published = published;
    }

    /**
     * A cancelled course gets no model call and no output, and neither does a lesson already written (a request
     * delivered again); returning normally commits its offset. A lesson the content policy flagged twice throws a
     * not-retryable {@code FlaggedOutputException} (the part fails with {@code moderation: <categories>}); a
     * moderation outage throws for the error handler's retries, as a model outage does.
     */
    @KafkaListener(topics = Topics.LESSON_REQUESTED)
    void on(LessonRequested request) {
        String lessonId = request.lesson().lessonId();
        if (cancelled.contains(request.courseId())) {
            log.info("Course {} was cancelled by its owner: lesson {} not written", request.courseId(), lessonId);
            return;
        }
        String part = PublishedParts.key(request.courseId(), partId(lessonId), request.revision());
        if (published.contains(part)) {
            log.info("Lesson {} of course {} was already written (request delivered again): not written twice",
                    lessonId, request.courseId());
            return;
        }
        WrittenLesson written = writer.write(request);
        LessonGenerated generated = new LessonGenerated(request.courseId(), lessonId, written.lesson(), written.usage(),
                Instant.now(), request.revision());
        kafka.send(Topics.LESSON_GENERATED, request.courseId(), generated).join();
        published.add(part);
        log.info("Wrote lesson {} of course {}: {} takeaways, {} quiz questions ({} {}, {} completion tokens)", lessonId,
                request.courseId(), written.lesson().keyTakeaways().size(), written.lesson().quiz().size(),
                written.usage().provider(), written.usage().model(), written.usage().completionTokens());
    }

    static String partId(String lessonId) {
        return "lesson:" + lessonId;
    }
}
