package io.coursegen.llm;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A counting semaphore whose limit can change while calls hold it: a smaller limit lets no new call in until
 * enough calls have finished, and never blocks the caller that changes it. (resilience4j's SemaphoreBulkhead
 * shrinks by acquiring the difference uninterruptibly, which would stall a listener thread past its wait
 * budget during a rebalance.) The fair lock keeps waiting calls roughly in order.
 */
final class ConcurrencyLimit {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition freed = lock.newCondition();
    private int limit;
    private int inUse;

    ConcurrencyLimit(int limit) {
        this.limit = limit;
    }

    /** Waits for a slot until {@code deadlineNanos} ({@link System#nanoTime()}); false when none came. */
    boolean tryAcquire(long deadlineNanos) {
        lock.lock();
        try {
            while (inUse >= limit) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                freed.awaitNanos(left);
            }
            inUse++;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for model call capacity", e);
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            inUse--;
            // every waiter checks again: one woken alone might be one that has just given up
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void resize(int newLimit) {
        lock.lock();
        try {
            limit = newLimit;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
