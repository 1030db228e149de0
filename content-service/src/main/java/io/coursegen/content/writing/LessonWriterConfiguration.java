package io.coursegen.content.writing;

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
class LessonWriterConfiguration {

    /** StructuredChat exists only for the openai provider, hence the provider, not the bean, decides. */
    @Bean
    LessonWriter lessonWriter(LlmProvider provider, LlmProperties properties, ObjectProvider<StructuredChat> chat,
            Prompts prompts, LlmCalls calls) {
        return switch (provider) {
            case OPENAI -> new OpenAiLessonWriter(chat.getObject(), prompts);
            case OFFLINE -> new OfflineLessonWriter(new OfflineModel(calls, properties.offline()));
        };
    }

    /** What the listener uses: every lesson is checked against the content policy before it is published. */
    @Bean
    ModeratedLessonWriter moderatedLessonWriter(LessonWriter lessonWriter, ContentModeration moderation) {
        return new ModeratedLessonWriter(lessonWriter, new ModeratedOutput(moderation));
    }

    /** The model-call quotas are the account's; this instance enforces its consumer group's partitions' worth of them. */
    @Bean
    CapacityShare capacityShare(AssignedPartitions partitions, @Value("${spring.kafka.consumer.group-id}") String group) {
        return () -> partitions.share(group);
    }
}
