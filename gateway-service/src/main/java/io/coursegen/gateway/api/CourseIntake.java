package io.coursegen.gateway.api;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Topics;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.storage.AcceptedCourses;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a validated request into a {@code course.requested} record and completes only when the broker
 * acknowledged it, so a 202 means the course is in the pipeline. The producer's {@code max.block.ms} and
 * {@code delivery.timeout.ms} bound the wait; no extra timeout here, because giving up while Kafka may
 * still deliver would invite the client to submit the same course twice.
 */
@Component
class CourseIntake {

    private static final Logger log = LoggerFactory.getLogger(CourseIntake.class);

    private final KafkaTemplate<String, Object> kafka;
    private final AcceptedCourses accepted;

    CourseIntake(KafkaTemplate<String, Object> kafka, AcceptedCourses accepted) {
        this.kafka = kafka;
        this.accepted = accepted;
    }

    /** Emits the new course's id once the record is stored, or fails with {@link IntakeUnavailableException}. */
    Mono<String> submit(Tenant tenant, CourseSpec spec) {
        return Mono.defer(() -> {
            String courseId = UUID.randomUUID().toString();
            CourseRequested requested = new CourseRequested(courseId, tenant.id(), spec, Instant.now());
            // send() blocks while the producer waits for metadata (up to max.block.ms), so not on a Netty thread
            return Mono.fromFuture(() -> kafka.send(Topics.COURSE_REQUESTED, courseId, requested))
                    .subscribeOn(Schedulers.boundedElastic())
                    .doOnNext(sent -> accepted.remember(requested))
                    .doOnNext(sent -> log.info("Accepted course {} for tenant {} ({} lessons, {})", courseId,
                            tenant.id(), spec.lessonCount(), spec.language()))
                    .thenReturn(courseId);
        }).onErrorMap(error -> {
            log.warn("Could not publish a course request for tenant {}: {}", tenant.id(),
                    NestedExceptionUtils.getMostSpecificCause(error).toString());
            return new IntakeUnavailableException(error);
        });
    }
}
