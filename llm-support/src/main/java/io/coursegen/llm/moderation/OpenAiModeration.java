package io.coursegen.llm.moderation;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import io.coursegen.llm.LlmResilience;
import io.coursegen.llm.ModelFailures;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider's content policy: {@code POST {baseUrl}/moderations} of the OpenAI protocol, every text one
 * {@code input} element, each answered by one {@code results[]} entry whose {@code categories} name what it breaks.
 *
 * <p>Why not LangChain4j's {@code OpenAiModerationModel}: in 1.19 its {@code Moderation} says only whether some text
 * was flagged and which one ({@code flagged()}, {@code flaggedText()}, the first flagged text only), not the
 * categories, and its internal client's {@code Categories} knows only the seven categories of the legacy models (no
 * {@code harassment}, {@code illicit}, ... of {@code omni-moderation}). A refusal here must name the categories and
 * every flagged field, so this reads the answer itself, with LangChain4j's HTTP client as the chat model uses it
 * ({@link LlmResilience#httpClientBuilder()}: a 429's {@code Retry-After} is kept) and {@link LlmResilience}'s rules
 * for what is worth another try.
 *
 * <p>Resilience: a few quick tries (someone waits for the answer), then a circuit breaker of its own, so an outage
 * fails each check at once rather than after its timeout. What still fails is a {@link ModerationUnavailableException}.
 */
public final class OpenAiModeration implements ContentModeration {

    /** Texts per request: an edited outline has hundreds; the endpoint takes arrays, kept to a modest size here. */
    static final int BATCH = 32;
    private static final String NAME = "openai-moderation";
    private static final Logger log = LoggerFactory.getLogger(OpenAiModeration.class);

    private final HttpClient http;
    private final String url;
    private final String apiKey;
    private final String model;
    private final JsonMapper json;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;

    public OpenAiModeration(String baseUrl, String apiKey, ModerationProperties properties, JsonMapper json,
            MeterRegistry meters) {
        this.http = LlmResilience.httpClientBuilder().connectTimeout(properties.timeout())
                .readTimeout(properties.timeout()).build();
        this.url = baseUrl.endsWith("/") ? baseUrl + "moderations" : baseUrl + "/moderations";
        this.apiKey = apiKey;
        this.model = properties.model();
        this.json = json;
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(properties.initialBackoff(), 2.0, 0.5);
        Duration maxRetryAfter = properties.maxRetryAfter();
        RetryRegistry retries = RetryRegistry.ofDefaults();
        this.retry = retries.retry(NAME, RetryConfig.custom()
                .maxAttempts(properties.maxAttempts())
                .retryOnException(error -> LlmResilience.isTransient(error)
                        && LlmResilience.retryAfter(error).map(wait -> wait.compareTo(maxRetryAfter) <= 0).orElse(true))
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft()
                        ? LlmResilience.retryAfter(outcome.getLeft()).map(Duration::toMillis).orElseGet(() -> backoff.apply(attempt))
                        : backoff.apply(attempt))
                .build());
        CircuitBreakerRegistry circuits = CircuitBreakerRegistry.ofDefaults();
        this.circuitBreaker = circuits.circuitBreaker(NAME, CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.circuitBreaker().failureRatePercent())
                .slidingWindowSize(properties.circuitBreaker().window())
                .minimumNumberOfCalls(properties.circuitBreaker().minimumCalls())
                .waitDurationInOpenState(properties.circuitBreaker().openFor())
                .recordException(LlmResilience::isTransient)
                .build());
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuits).bindTo(meters);
        circuitBreaker.getEventPublisher().onStateTransition(event -> log.warn("Circuit breaker for {}: {}", NAME,
                event.getStateTransition()));
    }

    public String model() {
        return model;
    }

    @Override
    public Verdict check(List<String> texts) {
        List<Integer> checked = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) != null && !texts.get(i).isBlank()) {
                checked.add(i);
            }
        }
        List<Verdict.Flag> flags = new ArrayList<>();
        for (int from = 0; from < checked.size(); from += BATCH) {
            List<Integer> batch = checked.subList(from, Math.min(checked.size(), from + BATCH));
            List<List<String>> results = protectedCall(batch.stream().map(texts::get).toList());
            for (int i = 0; i < batch.size(); i++) {
                if (results.get(i) != null) {
                    flags.add(new Verdict.Flag(batch.get(i), results.get(i)));
                }
            }
        }
        return new Verdict(flags);
    }

    private List<List<String>> protectedCall(List<String> inputs) {
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, () -> moderate(inputs)))
                    .get();
        } catch (RuntimeException failure) {
            String reason = ModelFailures.describe(failure).orElseGet(() -> failure.getClass().getSimpleName());
            log.warn("Moderation by {} failed: {}", model, reason);
            throw new ModerationUnavailableException("The content policy could not be checked: " + reason, failure);
        }
    }

    /** For each input, null when it passed, else the names of the categories it is flagged for. */
    private List<List<String>> moderate(List<String> inputs) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        inputs.forEach(body.putArray("input")::add);
        HttpRequest request = HttpRequest.builder()
                .method(HttpMethod.POST)
                .url(url)
                .addHeader("Authorization", "Bearer " + apiKey)
                .addHeader("Content-Type", "application/json")
                .body(json.writeValueAsString(body))
                .build();
        JsonNode results = json.readTree(http.execute(request).body()).path("results");
        if (!results.isArray() || results.size() != inputs.size()) {
            throw new IllegalStateException("The moderation answer has " + results.size() + " results for "
                    + inputs.size() + " inputs");
        }
        List<List<String>> answers = new ArrayList<>();
        for (JsonNode result : results) {
            if (!result.path("flagged").asBoolean(false)) {
                answers.add(null);
                continue;
            }
            List<String> categories = new ArrayList<>();
            for (Map.Entry<String, JsonNode> category : result.path("categories").properties()) {
                if (category.getValue().asBoolean(false)) {
                    categories.add(category.getKey());
                }
            }
            answers.add(categories);
        }
        return answers;
    }
}
