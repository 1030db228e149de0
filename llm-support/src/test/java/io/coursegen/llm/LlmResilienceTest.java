package io.coursegen.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.FakeOpenAiServer.Scripted;
import io.coursegen.testkit.TestImages;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.boot.health.contributor.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The policy around model calls, through LangChain4j's real OpenAI client against a local OpenAI-protocol server. */
class LlmResilienceTest {

    private final FakeOpenAiServer openAi = new FakeOpenAiServer("key", request -> "{\"ok\":true}", TestImages.png(4, 4));

    @AfterEach
    void stop() {
        openAi.close();
    }

    @Test
    void rateLimitedCallWaitsWhatRetryAfterSaysThenSucceeds() {
        openAi.failNext(Scripted.rateLimited(1));
        long started = System.nanoTime();

        String answer = model(policy(3, 100)).chat("hello");

        assertThat(answer).isEqualTo("{\"ok\":true}");
        assertThat(openAi.received()).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("honoured Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void serverErrorIsTriedAgainUpToTheLimit() {
        openAi.failNext(Scripted.serverError(), Scripted.serverError(), Scripted.serverError());

        assertThatThrownBy(() -> model(policy(3, 100)).chat("hello")).hasMessageContaining("server had an error");
        assertThat(openAi.received()).as("three tries, no more").hasSize(3);
    }

    @Test
    void exhaustedQuotaAndRejectedRequestsAreNotTriedAgain() {
        openAi.failNext(new Scripted(429, Map.of("Retry-After", "1"),
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"));
        assertThatThrownBy(() -> model(policy(3, 100)).chat("hello")).hasMessageContaining("quota");
        assertThat(openAi.received()).hasSize(1);

        openAi.reset();
        openAi.failNext(new Scripted(400, Map.of(), "{\"error\":{\"message\":\"Invalid schema\",\"type\":\"invalid_request_error\"}}"));
        assertThatThrownBy(() -> model(policy(3, 100)).chat("hello")).hasMessageContaining("Invalid schema");
        assertThat(openAi.received()).hasSize(1);
    }

    @Test
    void circuitOpensWhenTheProviderKeepsFailingAndThenCallsFailWithoutReachingIt() {
        LlmResilience resilience = policy(1, 10);
        LlmCircuitHealthIndicator health = new LlmCircuitHealthIndicator(LlmProvider.OPENAI, resilience);
        ChatModel model = model(resilience);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        openAi.failNext(Scripted.serverError(), Scripted.serverError(), Scripted.serverError(), Scripted.serverError());

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> model.chat("hello"));
        }
        assertThat(resilience.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(health.health().getStatus()).as("readiness shows the provider outage").isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("circuit", "OPEN");
        int reached = openAi.received().size();

        assertThatThrownBy(() -> model.chat("hello")).isInstanceOf(CallNotPermittedException.class);
        assertThat(openAi.received()).as("an open circuit keeps calls away from the provider").hasSize(reached);
    }

    @Test
    void everyAttemptIsCountedByOutcomeAndTokensByKind() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LlmResilience resilience = new LlmResilience("openai", properties(3, 10), meters);
        openAi.failNext(Scripted.serverError());

        model(resilience).chat("hello");

        assertThat(meters.counter("coursegen.llm.calls", "provider", "openai", "model", "gpt-test", "type", "chat",
                "outcome", "server_error").count()).isEqualTo(1);
        assertThat(meters.counter("coursegen.llm.calls", "provider", "openai", "model", "gpt-test", "type", "chat",
                "outcome", "success").count()).isEqualTo(1);
        assertThat(meters.counter("coursegen.llm.tokens", "model", "gpt-test", "kind", "completion").count()).isEqualTo(100);
        assertThat(meters.find("resilience4j.retry.calls").meters()).as("resilience4j's own retry meters").isNotEmpty();
        assertThat(meters.find("resilience4j.circuitbreaker.state").meters()).isNotEmpty();
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(HeaderKeepingHttpClient.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(HeaderKeepingHttpClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(HeaderKeepingHttpClient.retryAfter("soon")).isNull();
    }

    private LlmResilience policy(int maxAttempts, long backoffMillis) {
        return new LlmResilience("openai", properties(maxAttempts, backoffMillis));
    }

    private static LlmResilienceProperties properties(int maxAttempts, long backoffMillis) {
        return new LlmResilienceProperties(maxAttempts, Duration.ofMillis(backoffMillis), 2.0,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                new LlmResilienceProperties.CircuitBreaker(50, 4, 4, Duration.ofMinutes(1)));
    }

    private ChatModel model(LlmResilience resilience) {
        return resilience.protect(OpenAiChatModel.builder()
                .httpClientBuilder(LlmResilience.httpClientBuilder())
                .baseUrl(openAi.baseUrl())
                .apiKey("key")
                .modelName("gpt-test")
                .timeout(Duration.ofSeconds(10))
                .maxRetries(0)
                .build(), "gpt-test");
    }
}
