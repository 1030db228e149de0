package io.coursegen.gateway.progress;

import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.gateway.GatewayProperties;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.storage.StorageClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Builds a course's progress stream: the stored snapshot first, then live updates, ending after the first
 * final status. Live updates are listened to before the snapshot is read, so an update that lands in
 * between is not lost; updates older than what was already shown are skipped. A tenant may hold
 * {@code coursegen.gateway.progress.streams-per-tenant} streams open at once on an instance (429 beyond).
 */
@Component
class ProgressStreams {

    static final String EVENT = "status";

    private final CourseStatusUpdates updates;
    private final StorageClient storage;
    private final Duration heartbeat;
    private final int streamsPerTenant;
    private final Map<String, AtomicInteger> openByTenant = new ConcurrentHashMap<>();

    ProgressStreams(CourseStatusUpdates updates, StorageClient storage, GatewayProperties properties) {
        this.updates = updates;
        this.storage = storage;
        this.heartbeat = properties.progress().heartbeat();
        this.streamsPerTenant = properties.progress().streamsPerTenant();
    }

    /**
     * Fails before any event is produced if the course is not the tenant's (storage-service's 404) or
     * storage-service is unavailable, so the caller can still answer with a problem instead of a stream.
     */
    Mono<Flux<ServerSentEvent<ProgressEvent>>> open(String courseId, Tenant tenant) {
        AtomicInteger open = openByTenant.computeIfAbsent(tenant.id(), any -> new AtomicInteger());
        if (open.get() >= streamsPerTenant) {
            return Mono.error(new TooManyStreamsException(streamsPerTenant));
        }
        return Mono.defer(() -> {
            // each update is a full snapshot, so keeping the latest one that arrives before the stream starts suffices
            ConnectableFlux<CourseStatusChanged> live = updates.of(courseId, tenant).replay(1);
            Disposable listening = live.connect();
            return storage.readCourse(courseId, tenant, StoredCourse.class)
                    .map(stored -> stream(ProgressEvent.of(courseId, stored), live)
                            // counted while a client holds it open
                            .doOnSubscribe(subscription -> open.incrementAndGet())
                            .doFinally(signal -> {
                                open.decrementAndGet();
                                listening.dispose();
                            }))
                    .doOnError(error -> listening.dispose())
                    .doOnCancel(listening::dispose);
        });
    }

    private Flux<ServerSentEvent<ProgressEvent>> stream(ProgressEvent snapshot, Flux<CourseStatusChanged> live) {
        Flux<ServerSentEvent<ProgressEvent>> statuses = Flux.concat(Mono.just(snapshot), live.map(ProgressEvent::of))
                .scan((shown, next) -> next.isAfter(shown) ? next : shown)
                .distinctUntilChanged()
                .takeUntil(event -> event.status().isFinal())
                .map(event -> ServerSentEvent.builder(event).event(EVENT).id(event.eventId()).build());
        // a client that stops reading misses heartbeats rather than failing the interval with an overflow
        Flux<ServerSentEvent<ProgressEvent>> heartbeats = Flux.interval(heartbeat)
                .onBackpressureDrop()
                .map(tick -> ServerSentEvent.<ProgressEvent>builder().comment("heartbeat").build());
        return statuses.publish(shared -> Flux.merge(shared, heartbeats.takeUntilOther(shared.then())));
    }
}
