package io.coursegen.gateway.api;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.Topics;
import io.coursegen.gateway.GatewayProperties;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.storage.AcceptedCourses;
import io.coursegen.gateway.storage.KeyReservation;
import io.coursegen.gateway.storage.StorageClient;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a validated request into a {@code course.requested} record and completes only when the broker
 * acknowledged it, so a 202 means the course is in the pipeline. The producer's {@code max.block.ms} and
 * {@code delivery.timeout.ms} bound the wait; no extra timeout here, because giving up while Kafka may
 * still deliver would invite the client to submit the same course twice.
 *
 * <p>With an {@code Idempotency-Key}, storage-service first reserves the key for the new course (or names the
 * course the key already stands for), so resubmitting after a lost answer never starts a second course.
 * Submissions by event ({@code course.requests}) are admitted through the same method, with their requestId as
 * the key.
 */
@Component
public class CourseIntake {

    private static final Logger log = LoggerFactory.getLogger(CourseIntake.class);

    private final KafkaTemplate<String, Object> kafka;
    private final AcceptedCourses accepted;
    private final StorageClient storage;
    private final boolean queueAtStorage;

    CourseIntake(KafkaTemplate<String, Object> kafka, AcceptedCourses accepted, StorageClient storage,
            GatewayProperties properties) {
        this.kafka = kafka;
        this.accepted = accepted;
        this.storage = storage;
        this.queueAtStorage = properties.queueAtStorage();
    }

    /** The course accepted for this submission, once its record is stored by Kafka. */
    Mono<Submission> submit(Tenant tenant, CourseSpec spec) {
        return Mono.defer(() -> {
                    CourseRequested course = newCourse(tenant, spec);
                    return queueAtStorage ? storage.storeQueued(course).then(publish(course)) : publish(course);
                })
                .map(course -> new Submission(course.courseId(), CourseStatus.QUEUED, false));
    }

    /**
     * The same, under an idempotency key: a new key publishes a new course; the same key and request again answer
     * the first course (publishing it again only if it never reached the pipeline); the same key with a different
     * request fails with {@link IdempotencyKeyMismatchException}.
     */
    public Mono<Submission> submit(Tenant tenant, CourseSpec spec, IdempotencyKey key) {
        return Mono.defer(() -> storage.reserve(tenant, key.value(), key.requestHash(), newCourse(tenant, spec)))
                .flatMap(reservation -> {
                    CourseRequested course = reservation.course();
                    if (reservation.outcome() == KeyReservation.Outcome.MISMATCH) {
                        return Mono.error(new IdempotencyKeyMismatchException(course.courseId()));
                    }
                    if (reservation.needsPublishing()) {
                        return publish(course).thenReturn(new Submission(course.courseId(), CourseStatus.QUEUED,
                                reservation.outcome() == KeyReservation.Outcome.REPUBLISH));
                    }
                    logAbout(course, () -> log.info("Idempotent replay of course {} for tenant {}", course.courseId(),
                            tenant.id()));
                    return Mono.just(new Submission(course.courseId(), reservation.status(), true));
                });
    }

    private static CourseRequested newCourse(Tenant tenant, CourseSpec spec) {
        return new CourseRequested(UUID.randomUUID().toString(), tenant.id(), spec, Instant.now());
    }

    private Mono<CourseRequested> publish(CourseRequested course) {
        // send() blocks while the producer waits for metadata (up to max.block.ms), so not on a Netty thread
        return Mono.fromFuture(() -> kafka.send(Topics.COURSE_REQUESTED, course.courseId(), course))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(sent -> accepted.remember(course))
                .doOnNext(sent -> logAbout(course, () -> log.info("Accepted course {} for tenant {} ({} lessons, {})",
                        course.courseId(), course.tenantId(), course.spec().lessonCount(), course.spec().language())))
                .thenReturn(course)
                .onErrorMap(error -> !(error instanceof ErrorResponseException), error -> {
                    logAbout(course, () -> log.warn("Could not publish a course request for tenant {}: {}",
                            course.tenantId(), NestedExceptionUtils.getMostSpecificCause(error).toString()));
                    return new IntakeUnavailableException(error);
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
     * @param status   the course's status as far as the gateway knows (null for a replayed course its owner deleted)
     * @param replayed the answer repeats an earlier submission under the same idempotency key
     */
    public record Submission(String courseId, CourseStatus status, boolean replayed) {
    }
}
