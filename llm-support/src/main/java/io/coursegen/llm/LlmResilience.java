package io.coursegen.llm;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry and circuit-breaker policy around every model call. Transient failures (5xx, 408, 409,
 * 429, timeouts, broken connections) are tried again with exponential back-off and jitter; a 429's
 * {@code Retry-After} is honoured instead. A 429 for {@code insufficient_quota} and other 4xx are not:
 * another try cannot help. One circuit breaker per provider counts transient failures and, once
 * open, fails calls at once without reaching the provider; the Kafka error handler's back-off then
 * holds the work until the provider recovers.
 */
public final class LlmResilience {

    private static final Logger log = LoggerFactory.getLogger(LlmResilience.class);

    private final Retry retry;
    private final CircuitBreaker circuitBreaker;

    public LlmResilience(String provider, LlmResilienceProperties properties) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(properties.initialBackoff(),
                properties.multiplier(), 0.5, properties.maxBackoff());
        Duration maxRetryAfter = properties.maxRetryAfter();
        this.retry = Retry.of(provider, RetryConfig.custom()
                .maxAttempts(properties.maxAttempts())
                .retryOnException(error -> isTransient(error) && retryAfter(error).map(wait -> wait.compareTo(maxRetryAfter) <= 0).orElse(true))
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft()
                        ? retryAfter(outcome.getLeft()).map(Duration::toMillis).orElseGet(() -> backoff.apply(attempt))
                        : backoff.apply(attempt))
                .build());
        this.circuitBreaker = CircuitBreaker.of(provider, CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.circuitBreaker().failureRatePercent())
                .slidingWindowSize(properties.circuitBreaker().window())
                .minimumNumberOfCalls(properties.circuitBreaker().minimumCalls())
                .waitDurationInOpenState(properties.circuitBreaker().openFor())
                // a rejected request is our fault, not a sign the provider is down
                .recordException(LlmResilience::isTransient)
                .build());
        retry.getEventPublisher().onRetry(event -> log.warn("Model call to {} failed ({}), try {} in {} ms", provider,
                describe(event.getLastThrowable()), event.getNumberOfRetryAttempts() + 1, event.getWaitInterval().toMillis()));
        circuitBreaker.getEventPublisher().onStateTransition(event -> log.warn("Circuit breaker for {}: {}", provider,
                event.getStateTransition()));
    }

    /** An HTTP client for LangChain4j's OpenAI models that keeps {@code Retry-After} for this policy. */
    public static dev.langchain4j.http.client.HttpClientBuilder httpClientBuilder() {
        return new HeaderKeepingHttpClient.Builder();
    }

    public CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    public <T> T call(Supplier<T> modelCall) {
        return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, modelCall)).get();
    }

    public ChatModel protect(ChatModel model) {
        return new ChatModel() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                return call(() -> model.chat(request));
            }

            @Override
            public java.util.Set<dev.langchain4j.model.chat.Capability> supportedCapabilities() {
                return model.supportedCapabilities();
            }
        };
    }

    public ImageModel protect(ImageModel model) {
        return new ImageModel() {
            @Override
            public Response<Image> generate(String prompt) {
                return call(() -> model.generate(prompt));
            }
        };
    }

    /** Whether trying the same call again later may succeed. */
    static boolean isTransient(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof CallNotPermittedException) {
                return false;
            }
            if (current instanceof HttpException http) {
                int status = http.statusCode();
                boolean quotaGone = status == 429 && String.valueOf(http.getMessage()).contains("insufficient_quota");
                return !quotaGone && (status == 408 || status == 409 || status == 429 || status >= 500);
            }
            if (current instanceof dev.langchain4j.exception.TimeoutException || current instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static Optional<Duration> retryAfter(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof ModelServerException answered) {
                return answered.retryAfter();
            }
        }
        return Optional.empty();
    }

    private static String describe(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof HttpException http) {
                return "HTTP " + http.statusCode();
            }
        }
        return error.getClass().getSimpleName();
    }
}
