package io.coursegen.outline.messaging;

import io.coursegen.contracts.Topics;
import io.coursegen.kafka.ProvenanceCheck;
import io.coursegen.kafka.PublishedParts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class PublishedOutlinesConfiguration {

    /** The outlines already on {@code course.outlined}, kept whole so a course's parts can be requested again. */
    @Bean
    PublishedParts publishedOutlines(ConsumerFactory<?, ?> consumers, ProvenanceCheck provenance, JsonMapper json) {
        return PublishedParts.withResults(Topics.COURSE_OUTLINED, outlined -> CourseAdmittedListener.OUTLINE_PART,
                consumers, provenance, json);
    }
}
