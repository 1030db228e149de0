package io.coursegen.gateway.intake;

import io.coursegen.contracts.CourseApproval;
import io.coursegen.contracts.CourseRejected;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseSubmission;
import io.coursegen.contracts.Topics;
import io.coursegen.gateway.api.CourseIntake;
import io.coursegen.gateway.api.CourseRequest;
import io.coursegen.gateway.api.IdempotencyKey;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.moderation.ContentPolicyViolationException;
import io.coursegen.gateway.storage.InvalidCourseIdException;
import io.coursegen.gateway.storage.StorageClient;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admits each record of {@code course.requests} the way {@code POST /api/v1/courses} admits a request: the
 * submitter is authenticated ({@link Submitters}: by the record's API key, or, where Kafka runs with SASL and ACLs
 * and {@code coursegen.gateway.intake.authentication=principal}, by the tenant's own topic
 * {@code course.requests.<tenantId>} that only its Kafka principal may write), the payload gets the REST request's bean
 * validation and defaults, and {@link CourseIntake} hands it to storage-service with the requestId as its
 * idempotency key. A record without a requestId is keyed by its position in the topic, so a redelivery after a
 * rebalance still starts no second course.
 *
 * <p>A record with an {@code approve} field is a {@link CourseApproval} instead: the outline of that course is
 * approved at storage-service as {@code POST /api/v1/courses/{id}/approve} approves it.
 *
 * <p>Everything wrong with a record is collected and published as one {@link CourseRejected}; the record is then
 * dead-lettered at once. A submission breaking the content policy is rejected so, naming the categories and fields
 * ({@code content-policy: violence in topic}). A failure of storage-service, Kafka or the moderation provider is
 * thrown as it is: retried with back-off, since the same record may well be admitted a moment later.
 */
@Component
class CourseSubmissionListener {

    static final String ID = "gateway-course-requests";
    /** The listener of the tenants' own topics; also its consumer group. */
    static final String TENANT_TOPICS_ID = "gateway-tenant-course-requests";

    private static final Logger log = LoggerFactory.getLogger(CourseSubmissionListener.class);

    private final Submitters submitters;
    private final Validator validator;
    private final CourseIntake intake;
    private final Rejections rejections;
    private final StorageClient storage;
    private final JsonMapper json;

    CourseSubmissionListener(Submitters submitters, Validator validator, CourseIntake intake, Rejections rejections,
            StorageClient storage, JsonMapper json) {
        this.submitters = submitters;
        this.validator = validator;
        this.intake = intake;
        this.rejections = rejections;
        this.storage = storage;
        this.json = json;
    }

    /** Submissions authenticated by the API key they carry: the default, for a broker without security. */
    @KafkaListener(id = ID, topics = Topics.COURSE_REQUESTS,
            autoStartup = "#{'${coursegen.gateway.intake.authentication:api-key}' == 'api-key'}")
    void on(ConsumerRecord<String, byte[]> record) {
        admit(record);
    }

    /**
     * Submissions authenticated by Kafka: each tenant's own topic, found by pattern (a new tenant's topic within
     * {@code metadata.max.age.ms}); the shared topic is not read at all in this mode.
     */
    @KafkaListener(id = TENANT_TOPICS_ID, topicPattern = Topics.TENANT_COURSE_REQUESTS_REGEX,
            autoStartup = "#{'${coursegen.gateway.intake.authentication:api-key}' == 'principal'}",
            properties = "metadata.max.age.ms=${coursegen.gateway.intake.new-topics-within:30000}")
    void onTenantTopic(ConsumerRecord<String, byte[]> record) {
        admit(record);
    }

    private void admit(ConsumerRecord<String, byte[]> record) {
        List<String> reasons = new ArrayList<>();
        Optional<Tenant> tenant = submitters.tenantOf(record, reasons);
        if (isApproval(record.value())) {
            approve(record, tenant, reasons);
            return;
        }
        Optional<CourseSubmission> submission = read(record.value(), reasons);
        String requestId = submission.map(CourseSubmission::requestId).orElse(null);
        Optional<CourseSpec> spec = submission.flatMap(valid -> validate(valid, reasons));

        if (tenant.isEmpty() || spec.isEmpty()) {
            throw reject(record, requestId, tenant, reasons);
        }
        String key = requestId != null ? requestId : positionOf(record);
        CourseIntake.Submission admitted;
        try {
            admitted = intake.submit(tenant.get(), spec.get(), IdempotencyKey.of(key, spec.get(), json)).block();
        } catch (ErrorResponseException refused) {
            if (refused.getStatusCode().is5xxServerError()) {
                throw refused;
            }
            if (refused instanceof ContentPolicyViolationException flagged) {
                reasons.addAll(flagged.reasons());
            } else {
                reasons.add(refusal(refused));
            }
            throw reject(record, requestId, tenant, reasons);
        }
        log.info("Admitted submission {} of tenant {} as course {}{}", key, tenant.get().id(), admitted.courseId(),
                admitted.replayed() ? " (a repeat of an earlier submission)" : "");
    }

    private boolean isApproval(byte[] value) {
        if (value == null || value.length == 0) {
            return false;
        }
        try {
            JsonNode tree = json.readTree(value);
            return tree != null && tree.isObject() && tree.has("approve");
        } catch (JacksonException unreadable) {
            return false;
        }
    }

    /**
     * Approves at storage-service; its refusals (a 4xx: unknown course, not awaiting review, stale revision, over the
     * budget) are rejected with storage's words, keyed by the course id; its failures are thrown, to be retried.
     */
    private void approve(ConsumerRecord<String, byte[]> record, Optional<Tenant> tenant, List<String> reasons) {
        Optional<CourseApproval> approval = readApproval(record.value(), reasons);
        String courseId = approval.map(CourseApproval::approve).orElse(null);
        if (tenant.isEmpty() || approval.isEmpty() || !reasons.isEmpty()) {
            throw reject(record, courseId, tenant, reasons);
        }
        Integer revision = approval.get().outlineRevision();
        StorageAnswer answer;
        try {
            answer = storage.forwardApproval(courseId, revision == null ? null : "\"" + revision + "\"", tenant.get())
                    .flatMap(response -> DataBufferUtils.join(response.getBody())
                            .map(body -> {
                                byte[] bytes = new byte[body.readableByteCount()];
                                body.read(bytes);
                                DataBufferUtils.release(body);
                                return new StorageAnswer(response.getStatusCode(), bytes);
                            })
                            .defaultIfEmpty(new StorageAnswer(response.getStatusCode(), new byte[0])))
                    .block();
        } catch (InvalidCourseIdException invalid) {
            reasons.add("approve: not a course id");
            throw reject(record, courseId, tenant, reasons);
        }
        if (answer.status().is2xxSuccessful()) {
            log.info("Approved the outline of course {} of tenant {} by event", courseId, tenant.get().id());
            return;
        }
        reasons.add(refusal(answer));
        throw reject(record, courseId, tenant, reasons);
    }

    private record StorageAnswer(HttpStatusCode status, byte[] body) {
    }

    private Optional<CourseApproval> readApproval(byte[] value, List<String> reasons) {
        try {
            CourseApproval approval = json.readValue(value, CourseApproval.class);
            if (approval.approve() == null || approval.approve().isBlank()) {
                reasons.add("approve: must name the course whose outline is approved");
            }
            if (approval.outlineRevision() != null && approval.outlineRevision() < 1) {
                reasons.add("outlineRevision: must be at least 1");
            }
            return Optional.of(approval);
        } catch (JacksonException unreadable) {
            reasons.add("the value is not a CourseApproval as JSON: " + unreadable.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** Storage's problem in words: its type's name ({@code stale-outline}, ...) or the status, and its detail. */
    private String refusal(StorageAnswer answer) {
        String name = HttpStatus.valueOf(answer.status().value()).name().toLowerCase(Locale.ROOT)
                .replace('_', '-');
        String detail = "";
        try {
            JsonNode problem = json.readTree(answer.body());
            String type = problem.path("type").asString("");
            if (!type.isEmpty() && !type.equals("about:blank")) {
                name = type.substring(type.lastIndexOf('/') + 1);
            }
            detail = problem.path("detail").asString("");
        } catch (JacksonException unreadable) {
            // no problem body: the status says enough
        }
        return detail.isEmpty() ? name : name + ": " + detail;
    }

    private Optional<CourseSubmission> read(byte[] value, List<String> reasons) {
        if (value == null || value.length == 0) {
            reasons.add("the record has no value; expected a CourseSubmission as JSON");
            return Optional.empty();
        }
        try {
            Optional<CourseSubmission> submission = Optional.ofNullable(json.readValue(value, CourseSubmission.class));
            if (submission.isEmpty()) {
                reasons.add("the value is JSON null; expected a CourseSubmission");
            }
            return submission;
        } catch (JacksonException unreadable) {
            reasons.add("the value is not a CourseSubmission as JSON: " + unreadable.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** The REST request's own validation, so both ways in accept exactly the same courses. */
    private Optional<CourseSpec> validate(CourseSubmission submission, List<String> reasons) {
        CourseRequest request = new CourseRequest(submission.topic(), submission.audience(), submission.level(),
                submission.language(), submission.lessonCount(), submission.includeQuiz(), submission.imageStyle(),
                submission.review());
        List<String> violations = validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<CourseRequest> violation) ->
                        violation.getPropertyPath().toString()).thenComparing(ConstraintViolation::getMessage))
                .map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                .toList();
        reasons.addAll(violations);
        if (submission.requestId() != null && !isVisibleAscii(submission.requestId())) {
            reasons.add("requestId: must be 1 to " + IdempotencyKey.MAX_LENGTH + " visible ASCII characters");
            return Optional.empty();
        }
        return violations.isEmpty() ? Optional.of(request.toSpec()) : Optional.empty();
    }

    /** Publishes the rejection and returns what to throw, so that the record is dead-lettered at once. */
    private SubmissionRejectedException reject(ConsumerRecord<String, byte[]> record, String requestId,
            Optional<Tenant> tenant, List<String> reasons) {
        String echoedRequestId = requestId == null ? null : Echo.shortened(requestId);
        CourseRejected rejection = new CourseRejected(echoedRequestId, tenant.map(Tenant::id).orElse(null),
                List.copyOf(reasons), Instant.now());
        String key = echoedRequestId != null && !echoedRequestId.isBlank() ? echoedRequestId
                : record.key() != null && !record.key().isBlank() ? record.key() : positionOf(record);
        rejections.publish(key, rejection);
        return new SubmissionRejectedException(rejection);
    }

    /** A 4xx of the shared admission path, worded for a submission by event. */
    private static String refusal(ErrorResponseException refused) {
        if (refused.getStatusCode().value() == HttpStatus.UNPROCESSABLE_CONTENT.value()) {
            Object course = refused.getBody().getProperties() == null ? null
                    : refused.getBody().getProperties().get("courseId");
            return "requestId: was already used for a different request (course " + course
                    + "); use a new requestId for a new request";
        }
        if (refused.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            // over the tenant's limits: the problem type's name ("rate-limited", "queue-full") and what to do
            String type = String.valueOf(refused.getBody().getType());
            return type.substring(type.lastIndexOf('/') + 1) + ": " + refused.getBody().getDetail();
        }
        return "requestId: " + refused.getBody().getDetail();
    }

    private static boolean isVisibleAscii(String text) {
        return !text.isEmpty() && text.length() <= IdempotencyKey.MAX_LENGTH
                && text.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    /** Where the record is in the topic: the idempotency key of a submission without a requestId. */
    static String positionOf(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "/" + record.offset();
    }
}
