package io.coursegen.llm;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiImageModel;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.TestImages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every model call, OpenAI or offline, is one observation (a GenAI span) under the listener's. */
class LlmCallsTest {

    private final FakeOpenAiServer openAi = new FakeOpenAiServer("key", request -> "{\"ok\":true}", TestImages.png(4, 4));
    private final TestObservationRegistry observations = TestObservationRegistry.create();

    @AfterEach
    void stop() {
        openAi.close();
    }

    @Test
    void anOpenAiChatCallIsASpanNamedAfterOperationAndModelWithItsTokensUnderTheListenersSpan() {
        LlmResilience resilience = resilience(LlmProvider.OPENAI);
        ChatModel model = resilience.protect(OpenAiChatModel.builder()
                .httpClientBuilder(LlmResilience.httpClientBuilder())
                .baseUrl(openAi.baseUrl()).apiKey("key").modelName("gpt-test")
                .timeout(Duration.ofSeconds(10)).maxRetries(0).build(), "gpt-test");

        Observation listener = Observation.start("spring.kafka.listener", observations);
        try (Observation.Scope scope = listener.openScope()) {
            model.chat("hello");
        }
        listener.stop();

        assertThat(observations).hasNumberOfObservationsWithNameEqualTo(LlmCalls.OBSERVATION, 1)
                .hasObservationWithNameEqualTo(LlmCalls.OBSERVATION).that()
                .hasBeenStopped()
                .hasContextualNameEqualTo("chat gpt-test")
                .hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
                .hasLowCardinalityKeyValue("gen_ai.provider.name", "openai")
                .hasLowCardinalityKeyValue("gen_ai.system", "openai")
                .hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-test")
                .hasLowCardinalityKeyValue("outcome", "success")
                .hasHighCardinalityKeyValueWithKey("gen_ai.usage.input_tokens")
                .hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "100")
                .hasParentObservationEqualTo(listener);
        assertThat(openAi.received("/v1/chat/completions")).hasSize(1);
    }

    @Test
    void anImageCallIsAnImageSpan() {
        ImageModel model = resilience(LlmProvider.OPENAI).protect(OpenAiImageModel.builder()
                .httpClientBuilder(LlmResilience.httpClientBuilder())
                .baseUrl(openAi.baseUrl()).apiKey("key").modelName("gpt-image-1")
                .timeout(Duration.ofSeconds(10)).maxRetries(0).build(), "gpt-image-1");

        model.generate("a cat in a box");

        assertThat(observations).hasObservationWithNameEqualTo(LlmCalls.OBSERVATION).that()
                .hasContextualNameEqualTo("image gpt-image-1")
                .hasLowCardinalityKeyValue("gen_ai.operation.name", "image")
                .hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-image-1");
    }

    @Test
    void aFailedAttemptIsASpanWithItsOutcomeAndError() {
        openAi.failNext(FakeOpenAiServer.Scripted.serverError());
        ChatModel model = resilience(LlmProvider.OPENAI).protect(OpenAiChatModel.builder()
                .httpClientBuilder(LlmResilience.httpClientBuilder())
                .baseUrl(openAi.baseUrl()).apiKey("key").modelName("gpt-test")
                .timeout(Duration.ofSeconds(10)).maxRetries(0).build(), "gpt-test");

        model.chat("hello");

        assertThat(observations).hasNumberOfObservationsWithNameEqualTo(LlmCalls.OBSERVATION, 2)
                .hasAnObservation(observation -> observation.hasLowCardinalityKeyValue("outcome", "server_error").hasError())
                .hasAnObservation(observation -> observation.hasLowCardinalityKeyValue("outcome", "success"));
    }

    @Test
    void anOfflineDraftIsTheSameKindOfSpanWithoutTokens() {
        OfflineModel offline = new OfflineModel(calls(LlmProvider.OFFLINE),
                new LlmProperties.Offline(Duration.ZERO, Duration.ZERO));

        String draft = offline.chat(() -> "[Offline draft]");

        assertThat(draft).isEqualTo("[Offline draft]");
        assertThat(observations).hasObservationWithNameEqualTo(LlmCalls.OBSERVATION).that()
                .hasContextualNameEqualTo("chat offline")
                .hasLowCardinalityKeyValue("gen_ai.provider.name", "offline")
                .hasLowCardinalityKeyValue("gen_ai.request.model", "offline")
                .doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.usage.input_tokens")
                .doesNotHaveParentObservation();
    }

    private LlmResilience resilience(LlmProvider provider) {
        return new LlmResilience(provider.id(), new LlmResilienceProperties(3, Duration.ofMillis(10), 2.0,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                new LlmResilienceProperties.CircuitBreaker(50, 4, 4, Duration.ofMinutes(1))),
                new SimpleMeterRegistry(), calls(provider));
    }

    private LlmCalls calls(LlmProvider provider) {
        return new LlmCalls(provider, LlmCapacity.unlimited(provider), observations);
    }
}
