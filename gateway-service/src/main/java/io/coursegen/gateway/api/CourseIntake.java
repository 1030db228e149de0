package io.coursegen.gateway.api;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.moderation.ContentPolicy;
import io.coursegen.gateway.storage.Acceptance.Estimate;
import io.coursegen.gateway.storage.StorageClient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Hands a validated submission to storage-service, the one owner that decides a course exists: it stores the course
 * as QUEUED (claiming the {@code Idempotency-Key} in the same call) and its admission announces it to the pipeline.
 * A 202 therefore means the course is stored, and every gateway instance can read it at once. Submissions by event
 * ({@code course.requests}) come through the same method, with their requestId as the key.
 *
 * <p>Before storage hears of it, the course's own words (topic, audience, picture style) pass the
 * {@link ContentPolicy}: a flagged course is refused with nothing stored, reserved or generated, by either way in.
 */
@Component
public class CourseIntake {

    private static final Logger log = LoggerFactory.getLogger(CourseIntake.class);

    private final StorageClient storage;
    private final RecentRefusals recentRefusals;
    private final ContentPolicy contentPolicy;

    CourseIntake(StorageClient storage, RecentRefusals recentRefusals, ContentPolicy contentPolicy) {
        this.storage = storage;
        this.recentRefusals = recentRefusals;
        this.contentPolicy = contentPolicy;
    }

    /**
     * The course accepted for this submission. Under a key, the same key and request again answer the first course
     * ({@code replayed}); the same key with a different request fails with {@link IdempotencyKeyMismatchException},
     * a submission over the tenant's limits with {@link QuotaExceededException}, one breaking the content policy with
     * {@link io.coursegen.gateway.moderation.ContentPolicyViolationException} (and one that could not be checked with
     * {@link io.coursegen.gateway.moderation.ModerationOutageException}, a 503).
     *
     * @param key null for a submission without an idempotency key
     */
    public Mono<Submission> submit(Tenant tenant, CourseSpec spec, IdempotencyKey key) {
        return contentPolicy.check(List.of(new ContentPolicy.Field("topic", spec.topic()),
                        new ContentPolicy.Field("audience", spec.audience()),
                        new ContentPolicy.Field("imageStyle", spec.imageStyle())))
                .then(Mono.defer(() -> accept(tenant, spec, key)));
    }

    private Mono<Submission> accept(Tenant tenant, CourseSpec spec, IdempotencyKey key) {
        CourseRequested course = new CourseRequested(UUID.randomUUID().toString(), tenant.id(), spec, Instant.now());
        return storage.accept(course, key == null ? null : key.value(), key == null ? null : key.requestHash())
                .onErrorMap(error -> !(error instanceof ErrorResponseException), error -> {
                    logAbout(course, () -> log.warn("Could not hand a course to storage-service for tenant {}: {}",
                            tenant.id(), NestedExceptionUtils.getMostSpecificCause(error).toString()));
                    return new IntakeUnavailableException(error);
                })
                .flatMap(acceptance -> {
                    CourseRequested stored = acceptance.course();
                    return switch (acceptance.outcome()) {
                        case CREATED -> {
                            logAbout(stored, () -> log.info("Accepted course {} for tenant {} ({} lessons, {})",
                                    stored.courseId(), tenant.id(), spec.lessonCount(), spec.language()));
                            yield Mono.just(new Submission(stored.courseId(), CourseStatus.QUEUED, false, acceptance.estimate()));
                        }
                        case REPLAYED -> {
                            logAbout(stored, () -> log.info("Idempotent replay of course {} for tenant {}",
                                    stored.courseId(), tenant.id()));
                            yield Mono.just(new Submission(stored.courseId(), acceptance.status(), true, acceptance.estimate()));
                        }
                        case MISMATCH -> Mono.error(new IdempotencyKeyMismatchException(stored.courseId()));
                        case REFUSED -> {
                            log.info("Refused a course for tenant {}: {}", tenant.id(), acceptance.refusal().reason());
                            recentRefusals.remember(tenant.id(), acceptance.refusal());
                            yield Mono.error(new QuotaExceededException(acceptance.refusal()));
                        }
                    };
                });
    }

    /**
     * The course's id is made here, after the request's log context was set (auth's CourseLogContextFilter), so
     * the lines about it add it themselves: the same {@code courseId} field the Kafka listeners' lines carry.
     */
    private static void logAbout(CourseRequested course, Runnable logging) {
        try (MDC.MDCCloseable courseId = MDC.putCloseable("courseId", course.courseId())) {
            logging.run();
        }
    }

    /**
     * @param status   the course's stored status (null for a replayed course its owner deleted)
     * @param replayed the answer repeats an earlier submission under the same idempotency key
     * @param estimate the course's expected cost and completion; null for a course stored before estimates
     */
    public record Submission(String courseId, CourseStatus status, boolean replayed, Estimate estimate) {
    }
}
