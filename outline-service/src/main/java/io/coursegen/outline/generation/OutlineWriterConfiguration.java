package io.coursegen.outline.generation;

import io.coursegen.llm.LlmProperties;
import io.coursegen.llm.LlmProvider;
import io.coursegen.llm.Prompts;
import io.coursegen.llm.StructuredChat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OutlineWriterConfiguration {

    /** StructuredChat exists only for the openai provider, hence the provider, not the bean, decides. */
    @Bean
    OutlineWriter outlineWriter(LlmProvider provider, LlmProperties properties, ObjectProvider<StructuredChat> chat,
            Prompts prompts) {
        return switch (provider) {
            case OPENAI -> new OpenAiOutlineWriter(chat.getObject(), prompts, new OutlineValidator());
            case OFFLINE -> new OfflineOutlineWriter(properties.offline().chatLatency());
        };
    }
}
