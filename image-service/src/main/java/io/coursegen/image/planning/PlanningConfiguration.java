package io.coursegen.image.planning;

import io.coursegen.kafka.AssignedPartitions;
import io.coursegen.llm.CapacityShare;
import io.coursegen.llm.LlmCalls;
import io.coursegen.llm.LlmProperties;
import io.coursegen.llm.LlmProvider;
import io.coursegen.llm.OfflineModel;
import io.coursegen.llm.Prompts;
import io.coursegen.llm.StructuredChat;
import io.coursegen.llm.moderation.ContentModeration;
import io.coursegen.llm.moderation.ModeratedOutput;
import io.coursegen.llm.moderation.ModerationConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(ModerationConfiguration.class)
class PlanningConfiguration {

    @Bean
    PicturePlanner picturePlanner(LlmProvider provider, ObjectProvider<StructuredChat> chat, Prompts prompts,
            LlmProperties properties, LlmCalls calls) {
        return switch (provider) {
            case OPENAI -> new OpenAiPicturePlanner(chat.getObject(), prompts);
            case OFFLINE -> new OfflinePicturePlanner(new OfflineModel(calls, properties.offline()));
        };
    }

    /** What the listener uses: every plan is checked against the content policy before its picture is drawn. */
    @Bean
    ModeratedPicturePlanner moderatedPicturePlanner(PicturePlanner picturePlanner, ContentModeration moderation) {
        return new ModeratedPicturePlanner(picturePlanner, new ModeratedOutput(moderation));
    }

    /**
     * The model-call quotas (chat for plans, image for pictures) are the account's; this instance enforces its
     * consumer group's partitions' worth of them.
     */
    @Bean
    CapacityShare capacityShare(AssignedPartitions partitions, @Value("${spring.kafka.consumer.group-id}") String group) {
        return () -> partitions.share(group);
    }
}
