package io.coursegen.outline.messaging;

import io.coursegen.contracts.CoursePartFailed;
import io.coursegen.contracts.CourseRequested;
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
 * After a course request was dead-lettered, tells the rest of the pipeline that the outline failed for
 * good, so the course is marked failed instead of waiting for a deadline.
 */
@Component
class OutlineFailureReporter implements DeadLetterCallback {

    static final String PART_ID = "outline";

    private static final Logger log = LoggerFactory.getLogger(OutlineFailureReporter.class);

    private final KafkaTemplate<String, Object> kafka;
    private final JsonMapper json;

    OutlineFailureReporter(KafkaTemplate<String, Object> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    @Override
    public void deadLettered(ConsumerRecord<?, ?> record, Exception cause) {
        String courseId = courseIdOf(record);
        if (courseId == null) {
            log.warn("Dead-lettered record topic={} offset={} has neither a readable courseId nor a key; nothing to report",
                    record.topic(), record.offset());
            return;
        }
        CoursePartFailed failed = new CoursePartFailed(courseId, PART_ID, FailureReason.of(cause), Instant.now());
        kafka.send(Topics.COURSE_PART_FAILED, courseId, failed).join();
    }

    /** From the record itself when it is readable, else from its key (every record is keyed by courseId). */
    private String courseIdOf(ConsumerRecord<?, ?> record) {
        if (record.value() instanceof byte[] bytes) {
            try {
                CourseRequested request = json.readValue(bytes, CourseRequested.class);
                if (request != null && request.courseId() != null) {
                    return request.courseId();
                }
            } catch (JacksonException unreadable) {
                log.debug("Dead-lettered record is not a readable CourseRequested; using its key", unreadable);
            }
        }
        return record.key() == null ? null : record.key().toString();
    }
}
