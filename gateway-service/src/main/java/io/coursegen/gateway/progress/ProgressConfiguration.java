package io.coursegen.gateway.progress;

import io.coursegen.contracts.EventTypes;
import io.coursegen.contracts.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.CommonLoggingErrorHandler;

@Configuration(proxyBeanMethods = false)
class ProgressConfiguration {

    static final String CONTAINER_FACTORY = "progressListenerContainerFactory";
    private static final String STATUS_CHANGED = EventTypes.typeOf(Topics.COURSE_STATUS);

    /**
     * The usual JSON conversion, but an unreadable status record is logged and skipped: every gateway
     * instance reads course.status in its own group, so retrying or dead-lettering would happen once per
     * instance, and progress streams only care about the next record anyway.
     */
    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> progressListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setCommonErrorHandler(new CommonLoggingErrorHandler());
        factory.setRecordFilterStrategy(ProgressConfiguration::isNotAStatusChange);
        return factory;
    }

    /** course.status also carries rejected submissions (another ce_type), which are no course's progress. */
    private static boolean isNotAStatusChange(ConsumerRecord<Object, Object> record) {
        Header type = record.headers().lastHeader("ce_type");
        return type != null && !STATUS_CHANGED.equals(new String(type.value(), StandardCharsets.UTF_8));
    }
}
