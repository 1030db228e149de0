package io.coursegen.gateway.intake;

import io.coursegen.contracts.CourseRejected;
import io.coursegen.contracts.CourseSubmission;
import io.coursegen.gateway.auth.KeysUnavailableException;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.kafka.DeadLetterCallback;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A submission dead-lettered for another reason than its own content (storage-service or Kafka stayed
 * unavailable through every retry) is answered too, so its submitter learns to send it again instead of
 * waiting for a course that will never start. A rejected submission was answered before it was thrown.
 */
@Component
class GivenUpSubmissions implements DeadLetterCallback {

    static final String REASON = "the gateway could not admit the submission in time (a service it needs was"
            + " unavailable); submit it again, with the same requestId";

    private final Submitters submitters;
    private final Rejections rejections;
    private final JsonMapper json;

    GivenUpSubmissions(Submitters submitters, Rejections rejections, JsonMapper json) {
        this.submitters = submitters;
        this.rejections = rejections;
        this.json = json;
    }

    @Override
    public void deadLettered(ConsumerRecord<?, ?> record, Exception cause) {
        if (!Submitters.isIntake(record.topic()) || wasRejected(cause)) {
            return;
        }
        Optional<Tenant> tenant;
        try {
            tenant = submitters.tenantOf(record, new ArrayList<>());
        } catch (KeysUnavailableException stillUnavailable) {
            // the answer goes out all the same, naming no tenant it could not check
            tenant = Optional.empty();
        }
        String requestId = Echo.shortened(requestIdOf(record.value()));
        String key = requestId != null ? requestId
                : record.key() != null ? record.key().toString() : CourseSubmissionListener.positionOf(record);
        rejections.publish(key, new CourseRejected(requestId, tenant.map(Tenant::id).orElse(null), List.of(REASON),
                Instant.now()));
    }

    private static boolean wasRejected(Throwable cause) {
        for (Throwable error = cause; error != null; error = error.getCause() == error ? null : error.getCause()) {
            if (error instanceof SubmissionRejectedException) {
                return true;
            }
        }
        return false;
    }

    private String requestIdOf(Object value) {
        if (!(value instanceof byte[] bytes) || bytes.length == 0) {
            return null;
        }
        try {
            CourseSubmission submission = json.readValue(bytes, CourseSubmission.class);
            return submission == null || submission.requestId() == null || submission.requestId().isBlank()
                    ? null : submission.requestId();
        } catch (JacksonException unreadable) {
            return null;
        }
    }
}
