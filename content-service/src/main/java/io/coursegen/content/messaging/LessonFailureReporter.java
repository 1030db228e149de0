package io.coursegen.content.messaging;

import io.coursegen.contracts.CoursePartFailed;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Topics;
import io.coursegen.kafka.DeadLetterCallback;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * After a lesson request was dead-lettered, tells the rest of the pipeline that this lesson failed for
 * good, so the course is marked failed instead of waiting for a deadline. A record too broken to name
 * its lesson is reported against its key (the courseId) as {@code unknown:<topic>}.
 */
@Component
class LessonFailureReporter implements DeadLetterCallback {

    private static final Logger log = LoggerFactory.getLogger(LessonFailureReporter.class);

    private final KafkaTemplate<String, Object> kafka;
    private final JsonMapper json;

    LessonFailureReporter(KafkaTemplate<String, Object> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    @Override
    public void deadLettered(ConsumerRecord<?, ?> record, Exception cause) {
        CoursePartFailed failed = failureOf(record, cause);
        if (failed == null) {
            log.warn("Dead-lettered record topic={} offset={} has neither a readable lesson nor a key; nothing to report",
                    record.topic(), record.offset());
            return;
        }
        kafka.send(Topics.COURSE_PART_FAILED, failed.courseId(), failed).join();
    }

    private CoursePartFailed failureOf(ConsumerRecord<?, ?> record, Exception cause) {
        String reason = FailureReason.of(cause);
        LessonRequested request = readable(record);
        if (request != null) {
            return new CoursePartFailed(request.courseId(), "lesson:" + request.lesson().lessonId(), reason, Instant.now());
        }
        if (record.key() == null) {
            return null;
        }
        return new CoursePartFailed(record.key().toString(), "unknown:" + record.topic(), reason, Instant.now());
    }

    private LessonRequested readable(ConsumerRecord<?, ?> record) {
        if (!(record.value() instanceof byte[] bytes)) {
            return null;
        }
        try {
            LessonRequested request = json.readValue(bytes, LessonRequested.class);
            boolean complete = request != null && request.courseId() != null && request.lesson() != null
                    && request.lesson().lessonId() != null;
            return complete ? request : null;
        } catch (JacksonException unreadable) {
            log.debug("Dead-lettered record is not a readable LessonRequested; reporting it by its key", unreadable);
            return null;
        }
    }
}
