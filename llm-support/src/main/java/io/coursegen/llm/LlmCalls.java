package io.coursegen.llm;

import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place every model call passes, offline or OpenAI: it waits for capacity ({@link LlmCapacity}), runs the
 * call as a Micrometer Observation and settles the capacity with the tokens used.
 *
 * <p>The observation becomes a span (OpenTelemetry GenAI conventions) under the current one, which on a listener
 * thread is the Kafka listener's: contextual name {@code "<operation> <model>"} ({@code chat gpt-4o-mini}),
 * low-cardinality {@code gen_ai.operation.name} (chat, image), {@code gen_ai.provider.name} and
 * {@code gen_ai.system} (openai, offline), {@code gen_ai.request.model} and {@code outcome}; high-cardinality
 * {@code gen_ai.usage.input_tokens} and {@code gen_ai.usage.output_tokens} when the provider reports them. Its
 * timer is {@value #OBSERVATION} (Prometheus {@code gen_ai_client_operation_seconds}), apart from the
 * {@code coursegen.llm.*} meters the dashboards use. The span covers the call itself; time spent waiting for
 * capacity is {@code coursegen.llm.capacity.wait}.
 */
public final class LlmCalls {

    public static final String OBSERVATION = "gen_ai.client.operation";

    private final LlmProvider provider;
    private final LlmCapacity capacity;
    private final ObservationRegistry observations;

    public LlmCalls(LlmProvider provider, LlmCapacity capacity, ObservationRegistry observations) {
        this.provider = provider;
        this.capacity = capacity;
        this.observations = observations;
    }

    /** No limits, no observations: for tests and tools. */
    public static LlmCalls unlimited(LlmProvider provider) {
        return new LlmCalls(provider, LlmCapacity.unlimited(provider), ObservationRegistry.NOOP);
    }

    /**
     * Runs one model call (one request to the provider: each retry is another call).
     *
     * @param promptChars the prompt's length, for the token reservation (0 when there is no prompt)
     * @param usage       the tokens the answer reports, or null when it reports none
     * @throws CapacityWaitExceededException when capacity did not come in time; the call was not made
     */
    public <T> T call(CallType type, String model, int promptChars, Supplier<T> modelCall,
            Function<? super T, TokenUsage> usage) {
        LlmCapacity.Permit permit = capacity.acquire(type, promptChars);
        OptionalLong used = OptionalLong.empty();
        String outcome = "success";
        Observation observation = Observation.createNotStarted(OBSERVATION, observations)
                .contextualName(type.id() + " " + model)
                .lowCardinalityKeyValue("gen_ai.operation.name", type.id())
                .lowCardinalityKeyValue("gen_ai.provider.name", provider.id())
                .lowCardinalityKeyValue("gen_ai.system", provider.id())
                .lowCardinalityKeyValue("gen_ai.request.model", model)
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            T result = modelCall.get();
            TokenUsage tokens = result == null ? null : usage.apply(result);
            if (tokens != null) {
                used = record(observation, tokens);
            }
            return result;
        } catch (RuntimeException e) {
            outcome = LlmResilience.outcome(e);
            observation.error(e);
            throw e;
        } finally {
            observation.lowCardinalityKeyValue("outcome", outcome);
            observation.stop();
            permit.settle(used);
        }
    }

    private static OptionalLong record(Observation observation, TokenUsage tokens) {
        Integer input = tokens.inputTokenCount();
        Integer output = tokens.outputTokenCount();
        if (input != null) {
            observation.highCardinalityKeyValue("gen_ai.usage.input_tokens", input.toString());
        }
        if (output != null) {
            observation.highCardinalityKeyValue("gen_ai.usage.output_tokens", output.toString());
        }
        return input == null && output == null ? OptionalLong.empty()
                : OptionalLong.of((input == null ? 0L : input) + (output == null ? 0L : output));
    }
}
