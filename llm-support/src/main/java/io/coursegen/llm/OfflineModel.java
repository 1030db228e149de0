package io.coursegen.llm;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The offline provider's "model call": the simulated latency, under the same capacity limits and as the same
 * kind of span as an OpenAI call (provider and model {@code offline}, no token counts), so a load test with the
 * offline provider is paced like the real thing and the local run's traces show every model call.
 */
public final class OfflineModel {

    public static final String MODEL = "offline";

    private final LlmCalls calls;
    private final LlmProperties.Offline latency;

    public OfflineModel(LlmCalls calls, LlmProperties.Offline latency) {
        this.calls = calls;
        this.latency = latency;
    }

    /** No latency, no limits: for tests. */
    public static OfflineModel immediate() {
        return new OfflineModel(LlmCalls.unlimited(LlmProvider.OFFLINE), new LlmProperties.Offline(Duration.ZERO, Duration.ZERO));
    }

    /** A draft in place of a chat answer, after {@code coursegen.llm.offline.chat-latency}. */
    public <T> T chat(Supplier<T> draft) {
        return call(CallType.CHAT, latency.chatLatency(), draft);
    }

    /** A placeholder in place of a generated picture, after {@code coursegen.llm.offline.image-latency}. */
    public <T> T image(Supplier<T> picture) {
        return call(CallType.IMAGE, latency.imageLatency(), picture);
    }

    /**
     * The draft or placeholder is made first and the call then lasts until {@code latency} is up, so the latency is
     * the call's whole duration, as a provider's response time includes producing the answer (a placeholder picture
     * takes tens of milliseconds of CPU to draw; added after the pause, it made every simulated picture slower than
     * the latency the benchmark's bound counts).
     */
    private <T> T call(CallType type, Duration latency, Supplier<T> work) {
        return calls.call(type, MODEL, 0, () -> {
            long started = System.nanoTime();
            T answer = work.get();
            SimulatedLatency.pause(latency.minusNanos(System.nanoTime() - started));
            return answer;
        }, result -> null);
    }
}
