package io.coursegen.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Capacity per call type: slots, requests and tokens per minute, and this instance's share of them. */
class LlmCapacityTest {

    private static final LlmCapacityProperties.Limits NONE = LlmCapacityProperties.Limits.UNLIMITED;

    /** A clock for the token buckets that moves only when a caller parks on it, so minutes pass at once. */
    private final AtomicLong now = new AtomicLong();
    private final TimeMeter fakeTime = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return now.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    private final BlockingStrategy parkOnFakeTime = now::addAndGet;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void neverMoreCallsAtOnceThanMaxConcurrentHoweverManyThreadsAsk() throws Exception {
        LlmCapacity capacity = capacity(new LlmCapacityProperties.Limits(2, 0, 0, 0), NONE, Duration.ofMinutes(1),
                CapacityShare.WHOLE);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Semaphore finish = new Semaphore(0);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(callers.submit(() -> {
                LlmCapacity.Permit permit = capacity.acquire(CallType.CHAT, 0);
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                finish.acquireUninterruptibly();
                running.decrementAndGet();
                permit.settle(OptionalLong.empty());
                return null;
            }));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> inProgress(CallType.CHAT) == 2);
        assertThat(running.get()).as("the other six wait").isEqualTo(2);
        finish.release(8);
        for (Future<?> call : calls) {
            call.get(5, TimeUnit.SECONDS);
        }

        assertThat(mostAtOnce.get()).isEqualTo(2);
        assertThat(inProgress(CallType.CHAT)).isZero();
        assertThat(meters.timer("coursegen.llm.capacity.wait", "provider", "openai", "type", "chat").count()).isEqualTo(8);
    }

    @Test
    void aCallThatWouldWaitBeyondItsBudgetFailsWithoutTakingCapacityAndIsLeftToKafkasBackOff() {
        LlmCapacity capacity = capacity(new LlmCapacityProperties.Limits(1, 0, 0, 0), NONE, Duration.ofMillis(50),
                CapacityShare.WHOLE);
        LlmCapacity.Permit held = capacity.acquire(CallType.CHAT, 0);

        assertThatThrownBy(() -> capacity.acquire(CallType.CHAT, 0))
                .isInstanceOf(CapacityWaitExceededException.class)
                .hasMessageContaining("max-concurrent");
        assertThat(LlmResilience.isTransient(new CapacityWaitExceededException(CallType.CHAT, "max-concurrent",
                Duration.ZERO))).as("not tried again inside the call").isFalse();

        held.settle(OptionalLong.empty());
        capacity.acquire(CallType.CHAT, 0).settle(OptionalLong.empty());
        assertThat(capacity.acquire(CallType.IMAGE, 0)).as("image calls have their own limits").isNotNull();
    }

    @Test
    void requestsPerMinuteAllowABurstOfOneMinutesWorthThenAnEvenPace() {
        LlmCapacity capacity = capacity(new LlmCapacityProperties.Limits(0, 60, 0, 0), NONE, Duration.ofMinutes(2),
                CapacityShare.WHOLE);

        callsOf(capacity, CallType.CHAT, 60);
        assertThat(now.get()).as("the first minute's worth at once").isZero();

        callsOf(capacity, CallType.CHAT, 30);
        assertThat(Duration.ofNanos(now.get())).as("then one a second").isBetween(Duration.ofMillis(29_900), Duration.ofMillis(30_100));
    }

    @Test
    void tokensAreReservedBeforeACallAndSettledWithWhatItUsed() {
        // 6000 tokens a minute = 100 a second; every call reserves 6000
        LlmCapacity capacity = capacity(new LlmCapacityProperties.Limits(0, 0, 6000, 6000), NONE, Duration.ofMinutes(2),
                CapacityShare.WHOLE);

        capacity.acquire(CallType.CHAT, 0).settle(OptionalLong.of(600));
        capacity.acquire(CallType.CHAT, 0).settle(OptionalLong.of(9000));
        assertThat(Duration.ofNanos(now.get())).as("the second call waited for the 600 tokens the first used")
                .isBetween(Duration.ofMillis(5_900), Duration.ofMillis(6_100));

        capacity.acquire(CallType.CHAT, 0).settle(OptionalLong.empty());
        assertThat(Duration.ofNanos(now.get())).as("the third waited for the second's 3000 extra tokens, then its own 6000")
                .isBetween(Duration.ofMillis(95_900), Duration.ofMillis(96_100));
    }

    @Test
    void withoutAConfiguredEstimateAChatCallReservesItsPromptAndTheCompletionBudget() {
        LlmCapacity capacity = capacity(new LlmCapacityProperties.Limits(0, 0, 6000, 0), NONE, Duration.ofMinutes(2),
                CapacityShare.WHOLE);

        assertThat(capacity.expectedTokens(CallType.CHAT, 4000)).isEqualTo(1000 + 4000);
        assertThat(capacity.expectedTokens(CallType.IMAGE, 400)).isEqualTo(100);
    }

    @Test
    void anInstanceEnforcesItsShareOfEveryLimitAndFollowsWhenTheShareChanges() {
        AtomicReference<Double> share = new AtomicReference<>(0.25);
        LlmCapacity capacity = capacity(new LlmCapacityProperties.Limits(4, 0, 0, 0),
                new LlmCapacityProperties.Limits(0, 60, 0, 0), Duration.ofMillis(50), share::get);

        LlmCapacity.Permit first = capacity.acquire(CallType.CHAT, 0);
        assertThatThrownBy(() -> capacity.acquire(CallType.CHAT, 0)).as("a quarter of 4 slots is 1")
                .isInstanceOf(CapacityWaitExceededException.class);

        share.set(0.5);
        LlmCapacity.Permit second = capacity.acquire(CallType.CHAT, 0);
        assertThatThrownBy(() -> capacity.acquire(CallType.CHAT, 0)).as("half of 4 slots is 2")
                .isInstanceOf(CapacityWaitExceededException.class);
        first.settle(OptionalLong.empty());
        second.settle(OptionalLong.empty());

        callsOf(capacity, CallType.IMAGE, 30);
        assertThat(now.get()).as("half of 60 a minute: a burst of 30").isZero();
        assertThatThrownBy(() -> capacity.acquire(CallType.IMAGE, 0)).as("then one every 2 s, beyond a 50 ms budget")
                .isInstanceOf(CapacityWaitExceededException.class).hasMessageContaining("requests-per-minute");
    }

    @Test
    void aShareIsRoundedDownSoInstancesTogetherStayWithinTheLimitButNeverToNothing() {
        assertThat(LlmCapacity.scaled(10, 1.0 / 3)).isEqualTo(3);
        assertThat(LlmCapacity.scaled(3, 0.5)).isEqualTo(1);
        assertThat(LlmCapacity.scaled(6, 0.5)).isEqualTo(3);
        assertThat(LlmCapacity.scaled(1, 1.0 / 6)).isEqualTo(1);
    }

    private LlmCapacity capacity(LlmCapacityProperties.Limits chat, LlmCapacityProperties.Limits image, Duration maxWait,
            CapacityShare share) {
        return new LlmCapacity(LlmProvider.OPENAI, new LlmCapacityProperties(chat, image, maxWait), 4000, share, meters,
                fakeTime, parkOnFakeTime);
    }

    private static void callsOf(LlmCapacity capacity, CallType type, int count) {
        for (int i = 0; i < count; i++) {
            capacity.acquire(type, 0).settle(OptionalLong.empty());
        }
    }

    private double inProgress(CallType type) {
        return meters.get("coursegen.llm.calls.in.progress").tags("provider", "openai", "type", type.id()).gauge().value();
    }
}
