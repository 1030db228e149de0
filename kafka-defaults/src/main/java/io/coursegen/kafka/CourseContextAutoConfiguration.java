package io.coursegen.kafka;

import io.micrometer.observation.ObservationFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Which course a log line or a span is about: {@link CourseLogContext} for the listeners' log lines and
 * {@link CourseSpanTags} for the Kafka spans. Spring Boot gives the listener container factory the one
 * {@link RecordInterceptor} bean it finds, so a service that declares its own keeps it (and should delegate to
 * {@link CourseLogContext} in a composite); it registers every {@link ObservationFilter} bean.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
public class CourseContextAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(RecordInterceptor.class)
    RecordInterceptor<Object, Object> coursegenCourseLogContext() {
        return new CourseLogContext();
    }

    @Bean
    ObservationFilter coursegenCourseSpanTags() {
        return new CourseSpanTags();
    }
}
