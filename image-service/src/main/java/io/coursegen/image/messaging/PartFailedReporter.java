package io.coursegen.image.messaging;

import dev.langchain4j.exception.HttpException;
import io.coursegen.contracts.CoursePartFailed;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Topics;
import io.coursegen.kafka.DeadLetterCallback;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * After a request was dead-lettered, tells the course that its picture failed for good, so the course
 * can reach a final status instead of waiting for a picture that will not come.
 */
@Component
class PartFailedReporter implements DeadLetterCallback {

    private static final Logger log = LoggerFactory.getLogger(PartFailedReporter.class);

    /** Enough to say what went wrong; the full stack trace is in the DLT record's headers. */
    private static final int MAX_REASON_LENGTH = 500;

    private final KafkaTemplate<String, Object> kafka;
    private final JsonMapper json;

    PartFailedReporter(KafkaTemplate<String, Object> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    @Override
    public void deadLettered(ConsumerRecord<?, ?> record, Exception cause) {
        Optional<ImageRequested> request = parse(record.value());
        String courseId = request.map(ImageRequested::courseId).filter(id -> !id.isBlank())
                .orElse(record.key() instanceof String key && !key.isBlank() ? key : null);
        if (courseId == null) {
            log.warn("Dead-lettered record at {}-{}@{} names no course; no failure to report", record.topic(),
                    record.partition(), record.offset());
            return;
        }
        String partId = request.map(ImageRequested::imageId).filter(id -> !id.isBlank())
                .map(imageId -> "image:" + imageId)
                .orElse("unknown:" + record.topic());
        CoursePartFailed failed = new CoursePartFailed(courseId, partId, reason(cause), Instant.now());
        kafka.send(Topics.COURSE_PART_FAILED, courseId, failed).join();
        log.info("Reported part {} of course {} as failed: {}", partId, courseId, failed.reason());
    }

    private Optional<ImageRequested> parse(Object value) {
        if (!(value instanceof byte[] bytes)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(bytes, ImageRequested.class));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /**
     * Which step failed and the innermost cause, e.g. "Drawing the picture failed: the model server answered
     * HTTP 500: The server had an error"; the listener-container wrappers in between say nothing useful.
     */
    private String reason(Throwable cause) {
        String step = "The picture could not be generated";
        Throwable root = cause;
        while (true) {
            if (root instanceof PictureStepException) {
                step = root.getMessage();
            }
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        String reason = step + ": " + describe(root);
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }

    private String describe(Throwable root) {
        if (root instanceof HttpException http) {
            return "the model server answered HTTP " + http.statusCode() + ": " + errorMessage(http.getMessage());
        }
        return root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getSimpleName() : root.getMessage().strip();
    }

    /** OpenAI-style servers explain errors in {@code {"error": {"message": ...}}}; others send whatever they like. */
    private String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no explanation)";
        }
        try {
            String message = json.readTree(body).path("error").path("message").asString("");
            return message.isBlank() ? body.strip() : message;
        } catch (JacksonException e) {
            return body.strip();
        }
    }
}
