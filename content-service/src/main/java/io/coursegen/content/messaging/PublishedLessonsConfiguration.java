package io.coursegen.content.messaging;

import io.coursegen.contracts.Topics;
import io.coursegen.kafka.ProvenanceCheck;
import io.coursegen.kafka.PublishedParts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class PublishedLessonsConfiguration {

    /** The lessons already on {@code lesson.generated}, by course, lesson and revision. */
    @Bean
    PublishedParts publishedLessons(ConsumerFactory<?, ?> consumers, ProvenanceCheck provenance, JsonMapper json) {
        return PublishedParts.of(Topics.LESSON_GENERATED, lesson -> LessonRequestedListener.partId(
                lesson.path("lessonId").asString()), consumers, provenance, json);
    }
}
