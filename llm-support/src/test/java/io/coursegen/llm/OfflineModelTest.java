package io.coursegen.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OfflineModelTest {

    /**
     * The benchmark's bound counts the configured latency per call; the placeholder's own drawing time must fall
     * inside it, as a provider's response time includes producing its answer. Old behaviour: 400 + 300 ms.
     */
    @Test
    void theSimulatedLatencyIsTheCallsWholeDurationIncludingMakingTheAnswer() {
        OfflineModel model = new OfflineModel(LlmCalls.unlimited(LlmProvider.OFFLINE),
                new LlmProperties.Offline(Duration.ZERO, Duration.ofMillis(400)));

        long started = System.nanoTime();
        String picture = model.image(() -> {
            SimulatedLatency.pause(Duration.ofMillis(300));
            return "placeholder";
        });
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(picture).isEqualTo("placeholder");
        assertThat(tookMillis).as("400 ms, not 400 + 300").isBetween(390L, 650L);
    }
}
