package io.coursegen.llm;

import dev.langchain4j.model.openai.OpenAiChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chooses the provider once, logs the choice (never the key), and builds the OpenAI chat client when
 * it is chosen. The client's own retries are off (they ignore {@code Retry-After}): {@link LlmResilience}
 * retries transient failures and guards the provider with a circuit breaker, and what still fails goes
 * to the Kafka error handler's back-off. Every model call of either provider passes {@link LlmCalls}: capacity
 * limits (scaled by the service's {@link CapacityShare} bean, if it has one) and a span.
 */
@AutoConfiguration
@EnableConfigurationProperties({LlmProperties.class, LlmResilienceProperties.class, LlmCapacityProperties.class})
public class LlmAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LlmAutoConfiguration.class);

    @Bean
    LlmProvider llmProvider(LlmProperties properties, @Value("${spring.application.name:coursegen}") String service) {
        LlmProvider provider = properties.resolvedProvider();
        if (provider == LlmProvider.OPENAI) {
            if (!properties.hasApiKey()) {
                throw new IllegalStateException("coursegen.llm.provider is openai but OPENAI_API_KEY is not set"
                        + " (servers that need no key accept any value, e.g. OPENAI_API_KEY=unused)");
            }
            log.info("{} uses LLM provider openai: base URL {}, chat model {}, image model {}", service,
                    properties.baseUrl(), properties.chatModel(), properties.imageModel());
        } else {
            log.info("{} uses LLM provider offline: no network, deterministic drafts labelled as offline", service);
        }
        return provider;
    }

    @Bean
    Prompts prompts(JsonMapper jsonMapper) {
        return new Prompts(jsonMapper);
    }

    @Bean
    LlmCapacity llmCapacity(LlmProvider provider, LlmCapacityProperties capacity, LlmProperties properties,
            ObjectProvider<CapacityShare> share, ObjectProvider<MeterRegistry> meters) {
        return new LlmCapacity(provider, capacity, properties.maxCompletionTokens(),
                share.getIfAvailable(() -> CapacityShare.WHOLE), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    LlmCalls llmCalls(LlmProvider provider, LlmCapacity capacity, ObjectProvider<ObservationRegistry> observations) {
        return new LlmCalls(provider, capacity, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    @ConditionalOnOpenAi
    LlmResilience llmResilience(LlmResilienceProperties properties, ObjectProvider<MeterRegistry> meters, LlmCalls calls) {
        return new LlmResilience(LlmProvider.OPENAI.id(), properties, meters.getIfAvailable(SimpleMeterRegistry::new), calls);
    }

    /** Named {@code llm} in the health endpoint and the readiness group; the offline provider is always up. */
    @Bean("llmHealthIndicator")
    LlmCircuitHealthIndicator llmHealthIndicator(LlmProvider provider, ObjectProvider<LlmResilience> resilience) {
        return new LlmCircuitHealthIndicator(provider, resilience.getIfAvailable());
    }

    /** {@code /actuator/info} says which provider and models a deployed service really runs on. */
    @Bean
    InfoContributor llmInfoContributor(LlmProvider provider, LlmProperties properties) {
        return info -> info.withDetail("llm", provider == LlmProvider.OPENAI
                ? Map.of("provider", provider.id(), "baseUrl", properties.baseUrl(), "chatModel", properties.chatModel(),
                        "imageModel", properties.imageModel())
                : Map.of("provider", provider.id(), "note", "placeholder drafts, no model is called"));
    }

    @Bean
    @ConditionalOnOpenAi
    StructuredChat structuredChat(LlmProperties properties, LlmResilience resilience, JsonMapper jsonMapper) {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .httpClientBuilder(LlmResilience.httpClientBuilder())
                .baseUrl(properties.baseUrl())
                .apiKey(properties.apiKey())
                .modelName(properties.chatModel())
                .temperature(properties.temperature())
                .maxCompletionTokens(properties.maxCompletionTokens())
                .timeout(properties.chatTimeout())
                .strictJsonSchema(true)
                .maxRetries(0)
                .build();
        return new StructuredChat(resilience.protect(model, properties.chatModel()), properties.chatModel(), jsonMapper);
    }
}
