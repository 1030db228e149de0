package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fault 6, the part {@link ModelFaultsEndToEndTest} leaves out: a few model calls take longer than the client waits.
 * Each timed-out call is tried again, so the batch completes whole at the cost of exactly one call per timeout.
 */
class ModelTimeoutFaultTest {

    private static final int TIMEOUTS = 3;

    @Test
    void callsThatTimeOutAreTriedAgainAndEveryCourseCompletesWhole() {
        try (CourseBatch batch = CourseBatch.start("model timing out on 3 calls", Map.of(
                "coursegen.llm.chat-timeout", "1s",
                "coursegen.llm.image-timeout", "1s",
                // enough tries that one call whose retries also time out still succeeds without a Kafka redelivery
                "coursegen.llm.resilience.max-attempts", String.valueOf(TIMEOUTS + 2)))) {
            batch.submit();
            batch.awaitMidFlight();
            batch.openAi().delayNext(TIMEOUTS, Duration.ofSeconds(3));

            batch.assertEveryCourseCompletesWhole(TIMEOUTS);
            assertThat(batch.openAi().received()).as("the calls needed plus one per timeout")
                    .hasSize(batch.expectedCalls() + TIMEOUTS);
        }
    }
}
