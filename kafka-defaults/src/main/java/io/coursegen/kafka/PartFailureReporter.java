package io.coursegen.kafka;

import io.coursegen.contracts.CoursePartFailed;
import io.coursegen.contracts.Topics;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * After a work request was dead-lettered, publishes {@code course.part-failed} for the part it asked for,
 * so the course reaches a final status instead of waiting for its deadline. A record too broken to name
 * its part is reported against the courseId in its key as {@code unknown:<topic>};
 * one without a key is only logged.
 *
 * @param <T> the request type the service consumes
 */
public final class PartFailureReporter<T> implements DeadLetterCallback {

    private static final Logger log = LoggerFactory.getLogger(PartFailureReporter.class);

    private final Class<T> requestType;
    private final Function<T, String> courseId;
    private final Function<T, String> partId;
    private final Function<Throwable, String> reason;
    private final KafkaTemplate<String, Object> kafka;
    private final JsonMapper json;

    /**
     * @param partId names the failed part of a readable request ({@code lesson:<lessonId>}, ...); may
     *               return null when the request lacks what it needs
     * @param reason what the user reads; see {@link FailureReasons}
     */
    public PartFailureReporter(Class<T> requestType, Function<T, String> courseId, Function<T, String> partId,
            Function<Throwable, String> reason, KafkaTemplate<String, Object> kafka, JsonMapper json) {
        this.requestType = requestType;
        this.courseId = courseId;
        this.partId = partId;
        this.reason = reason;
        this.kafka = kafka;
        this.json = json;
    }

    @Override
    public void deadLettered(ConsumerRecord<?, ?> record, Exception cause) {
        T request = readable(record.value());
        String course = request == null ? null : blankToNull(courseId.apply(request));
        String part = request == null ? null : blankToNull(partId.apply(request));
        if (course == null || part == null) {
            course = record.key() == null ? null : blankToNull(Topics.courseIdOfKey(record.key().toString()));
            part = "unknown:" + record.topic();
        }
        if (course == null) {
            log.warn("Dead-lettered record {}-{}@{} names no course; no failure to report", record.topic(),
                    record.partition(), record.offset());
            return;
        }
        CoursePartFailed failed = new CoursePartFailed(course, part, reason.apply(cause), Instant.now());
        kafka.send(Topics.COURSE_PART_FAILED, course, failed).join();
        log.info("Reported part {} of course {} as failed: {}", part, course, failed.reason());
    }

    private T readable(Object value) {
        if (!(value instanceof byte[] bytes)) {
            return null;
        }
        try {
            return json.readValue(bytes, requestType);
        } catch (JacksonException unreadable) {
            log.debug("Dead-lettered record is not a readable {}", requestType.getSimpleName(), unreadable);
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
