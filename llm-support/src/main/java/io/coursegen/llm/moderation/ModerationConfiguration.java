package io.coursegen.llm.moderation;

import io.coursegen.llm.LlmProperties;
import io.coursegen.llm.LlmProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link ContentModeration} of the provider in {@code coursegen.llm.provider} (resolved as for the chat model: an
 * unstated provider with no API key is refused at start-up, so a deployment cannot moderate with the word list by
 * mistake), counted by {@link MeteredModeration}; {@link ContentModeration#DISABLED} when
 * {@code coursegen.moderation.enabled=false}, and then the provider settings are not needed at all. Imported by the
 * service that moderates (see the package's description).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LlmProperties.class, ModerationProperties.class})
public class ModerationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ModerationConfiguration.class);

    @Bean
    ContentModeration contentModeration(ModerationProperties moderation, LlmProperties llm, ObjectProvider<JsonMapper> json,
            ObjectProvider<MeterRegistry> meters, @Value("${spring.application.name:coursegen}") String service) {
        if (!moderation.enabled()) {
            log.warn("{}: moderation is off (coursegen.moderation.enabled=false): nothing is checked", service);
            return ContentModeration.DISABLED;
        }
        LlmProvider provider = llm.resolvedProvider();
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        if (provider == LlmProvider.OPENAI) {
            if (llm.apiKey() == null || llm.apiKey().isBlank()) {
                throw new IllegalStateException("coursegen.llm.provider is openai but OPENAI_API_KEY is not set:"
                        + " moderation needs it (or set COURSEGEN_MODERATION_ENABLED=false)");
            }
            log.info("{} moderates with {} at {}", service, moderation.model(), llm.baseUrl());
            return new MeteredModeration(new OpenAiModeration(llm.baseUrl(), llm.apiKey(), moderation,
                    json.getIfAvailable(() -> JsonMapper.builder().build()), registry), provider.id(), registry);
        }
        log.info("{} moderates with the offline word list ({} categories)", service,
                moderation.offlineTermsOrDefault().size());
        return new MeteredModeration(new OfflineModeration(moderation.offlineTermsOrDefault()), provider.id(), registry);
    }
}
