package io.coursegen.image.rendering;

import io.coursegen.llm.LlmCalls;
import io.coursegen.llm.LlmProperties;
import io.coursegen.llm.LlmProvider;
import io.coursegen.llm.LlmResilience;
import io.coursegen.llm.OfflineModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RenderingProperties.class)
class RenderingConfiguration {

    @Bean
    PictureRenderer pictureRenderer(LlmProvider provider, LlmProperties llm, RenderingProperties rendering,
            ObjectProvider<LlmResilience> resilience, LlmCalls calls) {
        return switch (provider) {
            case OPENAI -> new OpenAiPictureRenderer(llm, rendering.maxDownloadSize(), resilience.getObject());
            case OFFLINE -> new OfflinePictureRenderer(rendering.offline().width(), rendering.offline().height(),
                    new OfflineModel(calls, llm.offline()));
        };
    }
}
