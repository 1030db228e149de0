package io.coursegen.storage.slots;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One taken slot. It is held for its lease from the take; {@link #hold} keeps it while a piece of work runs, renewing
 * it every third of the lease, and gives it back when the work ends however it ends. A slot that is never held (the
 * work never started) comes back when its first lease ends.
 */
public final class Slot {

    private static final Logger log = LoggerFactory.getLogger(Slot.class);

    private final TenantSlots slots;
    private final String id;
    private final String holder;
    private final Duration lease;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicReference<Disposable> renewing = new AtomicReference<>();

    Slot(TenantSlots slots, String id, String holder, Duration lease) {
        this.slots = slots;
        this.id = id;
        this.holder = holder;
        this.lease = lease;
    }

    /** {@code <kind>:<tenant>:<i>}. */
    public String id() {
        return id;
    }

    String holder() {
        return holder;
    }

    Duration lease() {
        return lease;
    }

    /** {@code work} holding this slot: renewed from its subscription, given back when it completes, fails or is cancelled. */
    public <T> Flux<T> hold(Flux<T> work) {
        return work
                .doOnSubscribe(subscription -> startRenewing())
                .doFinally(signal -> release());
    }

    private void startRenewing() {
        Duration every = lease.dividedBy(3);
        Disposable renewal = Flux.interval(every, every, slots.renewals())
                .concatMap(tick -> slots.renew(this)
                        // one failed renewal is not the end: the next one comes well within the lease
                        .onErrorResume(error -> {
                            log.warn("Renewing slot {} failed, trying again: {}", id, error.toString());
                            return Mono.just(true);
                        }))
                .subscribe(held -> {
                    if (!held) {
                        // the work goes on; for at most its duration the tenant may have one more than its limit
                        log.warn("Slot {} expired before it was renewed; another instance may hold it", id);
                    }
                });
        if (!renewing.compareAndSet(null, renewal) || released.get()) {
            renewal.dispose();
        }
    }

    /** Gives the slot back (once; later calls do nothing) and stops renewing it. Does not wait for MongoDB. */
    public void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        Disposable renewal = renewing.getAndSet(null);
        if (renewal != null) {
            renewal.dispose();
        }
        slots.release(this).subscribe(null,
                error -> log.warn("Releasing slot {} failed; it frees itself after its lease: {}", id, error.toString()));
    }
}
