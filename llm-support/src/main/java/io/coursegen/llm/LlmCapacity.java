package io.coursegen.llm;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many model calls of each type may run, start and spend tokens, per instance: the account's limits
 * ({@link LlmCapacityProperties}) times this instance's {@link CapacityShare}. A call first takes a slot
 * (max-concurrent), then a request (requests-per-minute) and its expected tokens (tokens-per-minute) from token
 * buckets that refill evenly; it settles the tokens with what it really used when it is over. Waiting blocks the
 * calling thread (a Kafka listener thread, whose record stays uncommitted) for at most
 * {@code coursegen.llm.capacity.max-wait} in all.
 *
 * <p>Meters: {@code coursegen.llm.capacity.wait} (provider, type), the time each call waited, and
 * {@code coursegen.llm.calls.in.progress} (provider, type), the calls holding capacity now.
 */
public final class LlmCapacity {

    private final String provider;
    private final LlmCapacityProperties properties;
    private final int maxCompletionTokens;
    private final CapacityShare share;
    private final TimeMeter time;
    private final BlockingStrategy blocking;
    private final Map<CallType, Limiter> limiters = new EnumMap<>(CallType.class);

    public LlmCapacity(LlmProvider provider, LlmCapacityProperties properties, int maxCompletionTokens,
            CapacityShare share, MeterRegistry meters) {
        this(provider, properties, maxCompletionTokens, share, meters, TimeMeter.SYSTEM_NANOTIME, BlockingStrategy.PARKING);
    }

    /** With another clock for the token buckets, and a way to wait on it: for tests. */
    LlmCapacity(LlmProvider provider, LlmCapacityProperties properties, int maxCompletionTokens, CapacityShare share,
            MeterRegistry meters, TimeMeter time, BlockingStrategy blocking) {
        this.provider = provider.id();
        this.properties = properties;
        this.maxCompletionTokens = maxCompletionTokens;
        this.share = share;
        this.time = time;
        this.blocking = blocking;
        for (CallType type : CallType.values()) {
            limiters.put(type, new Limiter(type, properties.of(type), meters));
        }
    }

    /** No limits: for tests and tools. */
    public static LlmCapacity unlimited(LlmProvider provider) {
        return new LlmCapacity(provider, LlmCapacityProperties.UNLIMITED, 0, CapacityShare.WHOLE, new SimpleMeterRegistry());
    }

    /**
     * Waits until a call of this type may start.
     *
     * @param promptChars the prompt's length, for the token estimate (0 when there is no prompt)
     * @throws CapacityWaitExceededException when that takes longer than {@code max-wait}
     */
    public Permit acquire(CallType type, int promptChars) {
        return limiters.get(type).acquire(expectedTokens(type, promptChars));
    }

    long expectedTokens(CallType type, int promptChars) {
        long configured = properties.of(type).expectedTokens();
        if (configured > 0) {
            return configured;
        }
        return promptChars / 4 + (type == CallType.CHAT ? maxCompletionTokens : 0);
    }

    /** The capacity one call holds; settle it exactly once, when the call is over (whatever its outcome). */
    public static final class Permit {

        private final Limiter limiter;
        private final boolean slot;
        private final long reservedTokens;
        private boolean settled;

        private Permit(Limiter limiter, boolean slot, long reservedTokens) {
            this.limiter = limiter;
            this.slot = slot;
            this.reservedTokens = reservedTokens;
        }

        /**
         * Frees the slot and, when the provider said how many tokens the call used, corrects the reservation:
         * unused tokens go back to the bucket, extra ones are taken as debt that later calls wait for.
         */
        public void settle(OptionalLong usedTokens) {
            if (settled) {
                return;
            }
            settled = true;
            limiter.inProgress.decrementAndGet();
            if (limiter.tokens != null && usedTokens.isPresent()) {
                long difference = usedTokens.getAsLong() - reservedTokens;
                if (difference > 0) {
                    limiter.tokens.consumeIgnoringRateLimits(difference);
                } else if (difference < 0) {
                    limiter.tokens.addTokens(-difference);
                }
            }
            if (slot) {
                limiter.concurrency.release();
            }
        }
    }

    private final class Limiter {

        private final CallType type;
        private final LlmCapacityProperties.Limits limits;
        private final ConcurrencyLimit concurrency;
        private final Bucket requests;
        private final Bucket tokens;
        private final AtomicInteger inProgress = new AtomicInteger();
        private final Timer waits;
        private volatile double shareInForce = 1.0;
        private volatile long tokenCapacity;

        Limiter(CallType type, LlmCapacityProperties.Limits limits, MeterRegistry meters) {
            this.type = type;
            this.limits = limits;
            this.concurrency = limits.maxConcurrent() > 0 ? new ConcurrencyLimit(limits.maxConcurrent()) : null;
            this.requests = limits.requestsPerMinute() > 0 ? bucket(limits.requestsPerMinute()) : null;
            this.tokens = limits.tokensPerMinute() > 0 ? bucket(limits.tokensPerMinute()) : null;
            this.tokenCapacity = limits.tokensPerMinute();
            this.waits = Timer.builder("coursegen.llm.capacity.wait")
                    .description("Time a model call waited for capacity (concurrency, requests and tokens per minute)")
                    .tags("provider", provider, "type", type.id())
                    .publishPercentileHistogram()
                    .register(meters);
            Gauge.builder("coursegen.llm.calls.in.progress", inProgress, AtomicInteger::get)
                    .description("Model calls holding capacity now")
                    .tags("provider", provider, "type", type.id())
                    .register(meters);
        }

        Permit acquire(long expectedTokens) {
            follow(share.fraction());
            long started = System.nanoTime();
            long deadline = started + properties.maxWait().toNanos();
            boolean slot = false;
            boolean request = false;
            long reserved = 0;
            try {
                if (concurrency != null) {
                    if (!concurrency.tryAcquire(deadline)) {
                        throw exceeded("max-concurrent");
                    }
                    slot = true;
                }
                if (requests != null) {
                    take(requests, 1, deadline, "requests-per-minute");
                    request = true;
                }
                if (tokens != null && expectedTokens > 0) {
                    // a call larger than this instance's bucket waits for a full bucket, not forever
                    reserved = Math.min(expectedTokens, tokenCapacity);
                    take(tokens, reserved, deadline, "tokens-per-minute");
                }
            } catch (RuntimeException e) {
                // the call never starts: what it took goes back
                if (request) {
                    requests.addTokens(1);
                }
                if (slot) {
                    concurrency.release();
                }
                throw e;
            } finally {
                waits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
            inProgress.incrementAndGet();
            return new Permit(this, slot, reserved);
        }

        private void take(Bucket bucket, long amount, long deadline, String limit) {
            try {
                // Bucket4j reserves the tokens at once and parks until they are due, or takes nothing if they come too late
                if (!bucket.asBlocking().tryConsume(amount, Math.max(1, deadline - System.nanoTime()), blocking)) {
                    throw exceeded(limit);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for model call capacity", e);
            }
        }

        private CapacityWaitExceededException exceeded(String limit) {
            return new CapacityWaitExceededException(type, limit, properties.maxWait());
        }

        /** Rescales the limits when this instance's share changed (a rebalance); a no-op otherwise. */
        private void follow(double fraction) {
            double wanted = fraction > 0 && fraction < 1 ? fraction : 1.0;
            if (wanted == shareInForce) {
                return;
            }
            synchronized (this) {
                if (wanted == shareInForce) {
                    return;
                }
                if (concurrency != null) {
                    concurrency.resize((int) scaled(limits.maxConcurrent(), wanted));
                }
                if (requests != null) {
                    requests.replaceConfiguration(perMinute(limits.requestsPerMinute(), wanted), TokensInheritanceStrategy.PROPORTIONALLY);
                }
                if (tokens != null) {
                    tokens.replaceConfiguration(perMinute(limits.tokensPerMinute(), wanted), TokensInheritanceStrategy.PROPORTIONALLY);
                    tokenCapacity = scaled(limits.tokensPerMinute(), wanted);
                }
                shareInForce = wanted;
            }
        }

        private Bucket bucket(long perMinute) {
            return Bucket.builder().addLimit(bandwidth(perMinute, 1.0)).withCustomTimePrecision(time).build();
        }
    }

    /** A share of a limit, rounded down so that the instances together stay within it, but at least 1. */
    static long scaled(long limit, double share) {
        return Math.max(1, (long) Math.floor(limit * share + 1e-9));
    }

    private static BucketConfiguration perMinute(long limit, double share) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit, share)).build();
    }

    /** Holds at most the share of one minute's worth, refilled evenly at {@code limit x share} per minute. */
    private static Bandwidth bandwidth(long limit, double share) {
        long capacity = scaled(limit, share);
        Duration refill = Duration.ofNanos(Math.round(capacity * 60e9 / (limit * share)));
        return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, refill).build();
    }
}
