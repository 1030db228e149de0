package io.coursegen.gateway.progress;

import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.gateway.GatewayProperties;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.storage.Slot;
import io.coursegen.gateway.storage.StorageClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Builds a course's progress stream: the stored snapshot first, then live updates, ending after the first
 * final status. Live updates are listened to before the snapshot is read, so an update that lands in
 * between is not lost; updates older than what was already shown are skipped.
 * <p>
 * A tenant may hold {@code coursegen.gateway.progress.streams-per-tenant} streams open at once across all gateway
 * instances (429 beyond): each stream holds one of the tenant's slots at storage-service, taken before anything else,
 * renewed every third of {@code stream-lease} while a client holds the stream open and given back when the stream
 * ends, however it ends. Counting in this instance's memory would let N instances hold N times the limit. A stream
 * whose slot is no longer its own (storage saw no renewal for a whole lease and another stream took it) ends, so the
 * limit holds; an EventSource reconnects by itself. A slot whose stream was never subscribed, or whose gateway died,
 * is free again after one lease.
 */
@Component
class ProgressStreams {

    static final String EVENT = "status";
    /** The kind of slot storage-service counts progress streams in. */
    static final String SLOTS = "progress-streams";

    private static final Logger log = LoggerFactory.getLogger(ProgressStreams.class);

    private final CourseStatusUpdates updates;
    private final StorageClient storage;
    private final Duration heartbeat;
    private final int streamsPerTenant;
    private final Duration lease;

    ProgressStreams(CourseStatusUpdates updates, StorageClient storage, GatewayProperties properties) {
        this.updates = updates;
        this.storage = storage;
        this.heartbeat = properties.progress().heartbeat();
        this.streamsPerTenant = properties.progress().streamsPerTenant();
        this.lease = properties.progress().streamLease();
    }

    /**
     * Fails before any event is produced if the tenant holds all its streams (429), the course is not the tenant's
     * (storage-service's 404) or storage-service is unavailable, so the caller can still answer with a problem
     * instead of a stream.
     */
    Mono<Flux<ServerSentEvent<ProgressEvent>>> open(String courseId, Tenant tenant) {
        return storage.takeSlot(SLOTS, streamsPerTenant, lease, tenant)
                .switchIfEmpty(Mono.error(() -> new TooManyStreamsException(streamsPerTenant)))
                .flatMap(slot -> {
                    // each update is a full snapshot, so keeping the latest one that arrives before the stream starts suffices
                    ConnectableFlux<CourseStatusChanged> live = updates.of(courseId, tenant).replay(1);
                    Disposable listening = live.connect();
                    Runnable close = () -> {
                        listening.dispose();
                        release(slot, tenant);
                    };
                    AtomicBoolean handedOver = new AtomicBoolean();
                    return storage.readCourse(courseId, tenant, StoredCourse.class)
                            .map(stored -> {
                                handedOver.set(true);
                                return stream(ProgressEvent.of(courseId, stored), live)
                                        .takeUntilOther(lost(slot, tenant))
                                        .doFinally(signal -> close.run());
                            })
                            .doOnError(error -> close.run())
                            // a Mono may be cancelled after its value too (block()): the stream owns both by then
                            .doOnCancel(() -> {
                                if (!handedOver.get()) {
                                    close.run();
                                }
                            });
                });
    }

    /** Renews the slot every third of its lease while subscribed; emits once it is no longer the stream's. */
    private Mono<Boolean> lost(Slot slot, Tenant tenant) {
        Duration every = slot.lease().dividedBy(3);
        return Flux.interval(every, every)
                .concatMap(tick -> storage.renewSlot(slot, tenant)
                        // one failed renewal is not the end: the next one comes well within the lease
                        .onErrorResume(error -> {
                            log.warn("Renewing progress stream slot {} failed, trying again: {}", slot.id(),
                                    error.toString());
                            return Mono.just(true);
                        }))
                .filter(held -> !held)
                .next()
                .doOnNext(gone -> log.warn("Progress stream slot {} expired before it was renewed; ending the stream",
                        slot.id()));
    }

    /** Does not wait for storage-service; a slot that could not be given back is free again after its lease. */
    private void release(Slot slot, Tenant tenant) {
        storage.releaseSlot(slot, tenant).subscribe(null, error -> log.warn(
                "Giving back progress stream slot {} failed; it is free again after its lease: {}", slot.id(),
                error.toString()));
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
