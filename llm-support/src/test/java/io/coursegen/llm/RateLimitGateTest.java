package io.coursegen.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RateLimitGateTest {

    private static final Duration RETRY_AFTER = Duration.ofMillis(200);

    /** A provider that refuses every call arriving before {@code refusesUntil}, asking to retry after 200 ms. */
    private static final class Provider {
        final List<Instant> sent = new CopyOnWriteArrayList<>();
        final List<Instant> refused = new CopyOnWriteArrayList<>();
        final Instant refusesUntil;

        Provider(Duration refusing) {
            this.refusesUntil = Instant.now().plus(refusing);
        }

        String call() {
            Instant now = Instant.now();
            sent.add(now);
            if (now.isBefore(refusesUntil)) {
                refused.add(Instant.now());
                throw new RateLimited();
            }
            return "answer";
        }
    }

    private static final class RateLimited extends RuntimeException {
    }

    private static RateLimitGate gate(Duration budget) {
        return new RateLimitGate(failure -> failure instanceof RateLimited ? Optional.of(RETRY_AFTER) : Optional.empty(),
                budget, Clock.systemUTC());
    }

    @Test
    void callsRateLimitedTogetherWaitTogetherAndOnlyOneProbeAtATimeAsksAgain() throws Exception {
        RateLimitGate gate = gate(Duration.ofSeconds(10));
        Provider provider = new Provider(Duration.ofMillis(700));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = IntStream.range(0, 8)
                    .mapToObj(i -> callers.submit(() -> gate.call(provider::call))).toList();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("answer");
            }
        } finally {
            callers.shutdownNow();
        }
        // each caller once, then about one probe per Retry-After while refused (without the gate: 8 per 200 ms)
        assertThat(provider.sent).hasSizeLessThanOrEqualTo(8 + 700 / 200 + 2);
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void afterARefusalNoCallIsSentBeforeItsRetryAfterHasPassed() throws Exception {
        RateLimitGate gate = gate(Duration.ofSeconds(10));
        Provider provider = new Provider(Duration.ofMillis(500));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = IntStream.range(0, 4)
                    .mapToObj(i -> callers.submit(() -> gate.call(provider::call))).toList();
            for (Future<String> answer : answers) {
                answer.get();
            }
        } finally {
            callers.shutdownNow();
        }
        // a call already past the gate when another was refused may still go out in that moment
        Duration inFlight = Duration.ofMillis(50);
        for (Instant refusal : provider.refused) {
            assertThat(provider.sent).as("sent within the Retry-After of the refusal at %s", refusal)
                    .noneMatch(sent -> sent.isAfter(refusal.plus(inFlight)) && sent.isBefore(refusal.plus(RETRY_AFTER)));
        }
    }

    @Test
    void aCallThatWouldWaitBeyondItsBudgetFailsWithTheLastRefusal() {
        RateLimitGate gate = gate(Duration.ofMillis(300));
        Provider provider = new Provider(Duration.ofSeconds(5));

        assertThatThrownBy(() -> gate.call(provider::call))
                .isInstanceOf(RateLimitGate.RateLimitWaitExceededException.class)
                .hasCauseInstanceOf(RateLimited.class);
        assertThat(provider.sent).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void otherFailuresPassThroughUntouchedAndLeaveTheGateOpen() {
        RateLimitGate gate = gate(Duration.ofSeconds(1));

        assertThatThrownBy(() -> gate.call(() -> {
            throw new IllegalArgumentException("bad request");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(gate.isOpen()).isTrue();
    }
}
