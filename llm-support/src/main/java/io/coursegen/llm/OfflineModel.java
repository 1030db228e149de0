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

    private <T> T call(CallType type, Duration pause, Supplier<T> work) {
        return calls.call(type, MODEL, 0, () -> {
            SimulatedLatency.pause(pause);
            return work.get();
        }, result -> null);
    }
}
