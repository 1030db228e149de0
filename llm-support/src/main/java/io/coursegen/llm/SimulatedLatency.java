package io.coursegen.llm;

import java.time.Duration;

/** The offline provider's stand-in for a model's response time, so load tests see realistic pacing. */
public final class SimulatedLatency {

    private SimulatedLatency() {
    }

    /** Blocks the calling worker thread, as a real model call would; never call it on an event loop. */
    public static void pause(Duration latency) {
        if (latency.isZero() || latency.isNegative()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during simulated LLM latency", e);
        }
    }
}
