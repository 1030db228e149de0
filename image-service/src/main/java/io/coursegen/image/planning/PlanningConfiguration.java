package io.coursegen.image.planning;

import io.coursegen.llm.LlmProperties;
import io.coursegen.llm.LlmProvider;
import io.coursegen.llm.Prompts;
import io.coursegen.llm.StructuredChat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlanningConfiguration {

    @Bean
    PicturePlanner picturePlanner(LlmProvider provider, ObjectProvider<StructuredChat> chat, Prompts prompts,
            LlmProperties properties) {
        return switch (provider) {
            case OPENAI -> new OpenAiPicturePlanner(chat.getObject(), prompts);
            case OFFLINE -> new OfflinePicturePlanner(properties.offline().chatLatency());
        };
    }
}
