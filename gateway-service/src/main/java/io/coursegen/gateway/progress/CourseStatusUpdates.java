package io.coursegen.gateway.progress;

import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.gateway.auth.Tenant;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Fans the {@code course.status} records this instance reads out to every open progress stream. Records
 * are whole snapshots, so a subscriber that falls behind keeps only the latest one instead of slowing the
 * Kafka listener or the other streams.
 */
@Component
class CourseStatusUpdates {

    private final Sinks.Many<CourseStatusChanged> sink = Sinks.many().multicast().directBestEffort();

    /** Synchronized because a sink accepts one emitter at a time and the listener may run concurrently. */
    synchronized void publish(CourseStatusChanged update) {
        // FAIL_ZERO_SUBSCRIBER (nobody is watching) is the only expected failure, and it needs nothing done
        sink.tryEmitNext(update);
    }

    /** Live updates of one course; courses of other tenants never match, whatever their id. */
    Flux<CourseStatusChanged> of(String courseId, Tenant tenant) {
        return sink.asFlux()
                .filter(update -> courseId.equals(update.courseId()) && tenant.id().equals(update.tenantId()))
                .onBackpressureLatest();
    }

    @PreDestroy
    void close() {
        sink.tryEmitComplete();
    }
}
