package io.coursegen.llm;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
 *
 * <p>Every attempt is one call through {@link LlmCalls} (capacity, span) and is measured:
 * {@code coursegen.llm.calls} (provider, model, type, outcome), {@code coursegen.llm.call.duration} and
 * {@code coursegen.llm.tokens} (model, kind); resilience4j's own meters show retries and the circuit's state.
 */
public final class LlmResilience {

    private static final Logger log = LoggerFactory.getLogger(LlmResilience.class);

    private final String provider;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final MeterRegistry meters;
    private final LlmCalls calls;
    /** By call type: the provider's rate limits are per model, and a service's chat and image calls use two. */
    private final Map<CallType, RateLimitGate> gates = new ConcurrentHashMap<>();
    private final Duration maxRetryAfter;
    private final Duration maxRateLimitedWait;
    private final Duration defaultRateLimitWait;

    /** Without meters: for tests and tools. */
    public LlmResilience(String provider, LlmResilienceProperties properties) {
        this(provider, properties, new SimpleMeterRegistry());
    }

    /** Without capacity limits or spans: for tests and tools. */
    public LlmResilience(String provider, LlmResilienceProperties properties, MeterRegistry meters) {
        this(provider, properties, meters, LlmCalls.unlimited(LlmProvider.parse(provider)));
    }

    public LlmResilience(String provider, LlmResilienceProperties properties, MeterRegistry meters, LlmCalls calls) {
        this.provider = provider;
        this.meters = meters;
        this.calls = calls;
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(properties.initialBackoff(),
                properties.multiplier(), 0.5, properties.maxBackoff());
        Duration maxRetryAfter = properties.maxRetryAfter();
        this.maxRetryAfter = maxRetryAfter;
        this.maxRateLimitedWait = properties.maxRateLimitedWait();
        this.defaultRateLimitWait = properties.initialBackoff();
        RetryRegistry retries = RetryRegistry.ofDefaults();
        this.retry = retries.retry(provider, RetryConfig.custom()
                .maxAttempts(properties.maxAttempts())
                .retryOnException(error -> isTransient(error) && retryAfter(error).map(wait -> wait.compareTo(maxRetryAfter) <= 0).orElse(true))
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft()
                        ? retryAfter(outcome.getLeft()).map(Duration::toMillis).orElseGet(() -> backoff.apply(attempt))
                        : backoff.apply(attempt))
                .build());
        CircuitBreakerRegistry circuits = CircuitBreakerRegistry.ofDefaults();
        this.circuitBreaker = circuits.circuitBreaker(provider, CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.circuitBreaker().failureRatePercent())
                .slidingWindowSize(properties.circuitBreaker().window())
                .minimumNumberOfCalls(properties.circuitBreaker().minimumCalls())
                .waitDurationInOpenState(properties.circuitBreaker().openFor())
                // a rejected request is our fault, not a sign the provider is down
                .recordException(LlmResilience::isTransient)
                // waiting for our own capacity says nothing about the provider
                .ignoreExceptions(CapacityWaitExceededException.class)
                .build());
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuits).bindTo(meters);
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

    /**
     * Runs one model call under the policy, each attempt through {@link LlmCalls}; {@code type} and {@code model}
     * tag its meters and spans.
     *
     * @param promptChars the prompt's length, for the capacity's token reservation
     * @param usage       the tokens an answer reports, or null
     */
    <T> T call(CallType type, String model, int promptChars, Supplier<T> modelCall, Function<? super T, TokenUsage> usage) {
        Supplier<T> measured = () -> {
            Timer.Sample started = Timer.start(meters);
            String outcome = "success";
            try {
                return modelCall.get();
            } catch (RuntimeException e) {
                outcome = outcome(e);
                throw e;
            } finally {
                Tags tags = Tags.of("provider", provider, "model", model, "type", type.id(), "outcome", outcome);
                meters.counter("coursegen.llm.calls", tags).increment();
                started.stop(Timer.builder("coursegen.llm.call.duration").tags(tags).publishPercentileHistogram()
                        .register(meters));
            }
        };
        RateLimitGate gate = gates.computeIfAbsent(type, kind -> new RateLimitGate(this::rateLimitedFor,
                maxRateLimitedWait, Clock.systemUTC()));
        Supplier<T> attempt = () -> calls.call(type, model, promptChars, measured, usage);
        Supplier<T> gated = () -> {
            if (!gate.isOpen()) {
                Timer.Sample waited = Timer.start(meters);
                try {
                    return gate.call(attempt);
                } finally {
                    waited.stop(meters.timer("coursegen.llm.rate.limit.wait", "provider", provider, "type", type.id()));
                }
            }
            return gate.call(attempt);
        };
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, gated)).get();
        } catch (CallNotPermittedException open) {
            meters.counter("coursegen.llm.calls", Tags.of("provider", provider, "model", model, "type", type.id(),
                    "outcome", "circuit_open")).increment();
            throw open;
        }
    }

    public ChatModel protect(ChatModel model, String modelName) {
        return new ChatModel() {
            @Override
            public ChatResponse chat(ChatRequest request) {
                ChatResponse response = call(CallType.CHAT, modelName, promptChars(request), () -> model.chat(request),
                        ChatResponse::tokenUsage);
                TokenUsage tokens = response.tokenUsage();
                if (tokens != null) {
                    countTokens(modelName, "prompt", tokens.inputTokenCount());
                    countTokens(modelName, "completion", tokens.outputTokenCount());
                }
                return response;
            }

            @Override
            public java.util.Set<dev.langchain4j.model.chat.Capability> supportedCapabilities() {
                return model.supportedCapabilities();
            }
        };
    }

    public ImageModel protect(ImageModel model, String modelName) {
        return new ImageModel() {
            @Override
            public Response<Image> generate(String prompt) {
                return call(CallType.IMAGE, modelName, prompt.length(), () -> model.generate(prompt), Response::tokenUsage);
            }
        };
    }

    /** The text sent, for the token estimate (about four characters a token). */
    static int promptChars(ChatRequest request) {
        int chars = 0;
        for (ChatMessage message : request.messages()) {
            String text = null;
            if (message instanceof SystemMessage system) {
                text = system.text();
            } else if (message instanceof UserMessage user) {
                text = user.hasSingleText() ? user.singleText() : String.valueOf(user.contents());
            } else if (message instanceof AiMessage ai) {
                text = ai.text();
            }
            chars += text == null ? 0 : text.length();
        }
        return chars;
    }

    private void countTokens(String model, String kind, Integer count) {
        if (count != null && count > 0) {
            meters.counter("coursegen.llm.tokens", "model", model, "kind", kind).increment(count);
        }
    }

    /** How long a rate-limited answer asks every call of its kind to wait; empty for any other failure. */
    private Optional<Duration> rateLimitedFor(RuntimeException failure) {
        if (!isRateLimit(failure)) {
            return Optional.empty();
        }
        Duration wait = retryAfter(failure).orElse(defaultRateLimitWait);
        // a longer wait than we honour fails at once: the Kafka error handler's back-off takes over
        return wait.compareTo(maxRetryAfter) <= 0 ? Optional.of(wait) : Optional.empty();
    }

    static boolean isRateLimit(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof HttpException http) {
                return http.statusCode() == 429 && !String.valueOf(http.getMessage()).contains("insufficient_quota");
            }
        }
        return false;
    }

    /** A bounded set of outcomes, so the meter's tags stay few. */
    static String outcome(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof HttpException http) {
                int status = http.statusCode();
                return status == 429 ? "rate_limited" : status >= 500 ? "server_error" : "client_error";
            }
            if (current instanceof dev.langchain4j.exception.TimeoutException || current instanceof java.net.http.HttpTimeoutException) {
                return "timeout";
            }
            if (current instanceof IOException) {
                return "connection_error";
            }
        }
        return "error";
    }

    /** Whether trying the same call again later may succeed (also the moderation client's retry rule). */
    public static boolean isTransient(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof CallNotPermittedException || current instanceof RateLimitGate.RateLimitWaitExceededException
                    || current instanceof CapacityWaitExceededException) {
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

    /** The provider's {@code Retry-After}, when the failure is its answer and it sent one. */
    public static Optional<Duration> retryAfter(Throwable error) {
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
