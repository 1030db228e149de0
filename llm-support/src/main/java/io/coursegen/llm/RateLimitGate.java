package io.coursegen.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Closes for every call of one kind (chat or image) when the provider answers 429 "rate limited", for as long as
 * its {@code Retry-After} says, instead of letting each call retry on its own: with many calls in flight that
 * would send one request per call per second into a quota that is already spent. While closed, calls wait (the
 * Kafka record they serve waits with them); when the time is up one call goes first as a probe, and only its
 * success opens the gate for the rest. A 429 is the provider's "later", not a failure, so waiting here counts no
 * retry attempt and opens no circuit; a call that would wait beyond its budget fails with the 429, and the Kafka
 * error handler's back-off takes over.
 */
final class RateLimitGate {

    private final Function<RuntimeException, Optional<Duration>> rateLimitedFor;
    private final Duration budget;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Instant closedUntil;
    private boolean probing;

    /**
     * @param rateLimitedFor how long a failure asks to wait, if it is a rate limit; empty for any other failure
     * @param budget         the longest one call waits for the gate in all
     */
    RateLimitGate(Function<RuntimeException, Optional<Duration>> rateLimitedFor, Duration budget, Clock clock) {
        this.rateLimitedFor = rateLimitedFor;
        this.budget = budget;
        this.clock = clock;
    }

    <T> T call(Supplier<T> modelCall) {
        Instant deadline = clock.instant().plus(budget);
        while (true) {
            boolean probe = awaitTurn(deadline);
            T result;
            try {
                result = modelCall.get();
            } catch (RuntimeException failure) {
                Optional<Duration> wait = rateLimitedFor.apply(failure);
                if (wait.isEmpty()) {
                    settled(probe);
                    throw failure;
                }
                Instant reopens = closeFor(wait.get(), probe);
                if (reopens.isAfter(deadline)) {
                    throw new RateLimitWaitExceededException(budget, failure);
                }
                continue;
            }
            settled(probe);
            return result;
        }
    }

    /** Whether calls pass right now, without waiting. */
    boolean isOpen() {
        lock.lock();
        try {
            return closedUntil == null && !probing;
        } finally {
            lock.unlock();
        }
    }

    /** Waits while closed or while a probe is out; returns whether this call is the probe. */
    private boolean awaitTurn(Instant deadline) {
        lock.lock();
        try {
            while (true) {
                Instant now = clock.instant();
                if (closedUntil == null) {
                    return false;
                }
                if (!probing && !now.isBefore(closedUntil)) {
                    probing = true;
                    return true;
                }
                Instant until = probing ? deadline : min(closedUntil, deadline);
                long millis = Duration.between(now, until).toMillis();
                if (millis <= 0 && !now.isBefore(deadline)) {
                    throw new RateLimitWaitExceededException(budget, null);
                }
                changed.await(Math.max(1, millis), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the model's rate limit", e);
        } finally {
            lock.unlock();
        }
    }

    private Instant closeFor(Duration wait, boolean probe) {
        lock.lock();
        try {
            Instant reopens = clock.instant().plus(wait);
            if (closedUntil == null || reopens.isAfter(closedUntil)) {
                closedUntil = reopens;
            }
            if (probe) {
                probing = false;
            }
            changed.signalAll();
            return closedUntil;
        } finally {
            lock.unlock();
        }
    }

    /** Any answer but a rate limit (a success, or a failure the retry policy judges) opens the gate again. */
    private void settled(boolean probe) {
        if (!probe) {
            return;
        }
        lock.lock();
        try {
            probing = false;
            closedUntil = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The gate stayed closed for longer than one call may wait. */
    static final class RateLimitWaitExceededException extends RuntimeException {

        RateLimitWaitExceededException(Duration budget, RuntimeException lastAnswer) {
            super("The model's rate limit did not lift within " + budget, lastAnswer);
        }
    }
}
