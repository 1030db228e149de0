package io.coursegen.kafka;

import io.micrometer.observation.ObservationFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Which course a span is about: {@link CourseSpanTags} for the Kafka spans (Spring Boot registers every
 * {@link ObservationFilter} bean). The listeners' log lines get theirs from {@link CourseLogContext}, in the record
 * interceptor {@link KafkaDefaultsAutoConfiguration} declares after the provenance check.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
public class CourseContextAutoConfiguration {

    @Bean
    ObservationFilter coursegenCourseSpanTags() {
        return new CourseSpanTags();
    }
}
