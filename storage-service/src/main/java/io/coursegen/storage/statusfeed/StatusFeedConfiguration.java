package io.coursegen.storage.statusfeed;

import io.coursegen.kafka.CloudEventHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import tools.jackson.databind.json.JsonMapper;

/** The relay and what it needs, only with {@code coursegen.status-feed.per-tenant-topics=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("coursegen.status-feed.per-tenant-topics")
class StatusFeedConfiguration {

    @Bean
    TenantStatusTopics tenantStatusTopics(KafkaAdmin kafkaAdmin, StatusFeedProperties properties) {
        return new TenantStatusTopics(Admin.create(kafkaAdmin.getConfigurationProperties()), properties.topicsRefresh(),
                Clock.systemUTC());
    }

    @Bean
    Copies tenantStatusCopies(ProducerFactory<?, ?> producerFactory, StatusFeedProperties properties,
            ObjectProvider<ObservationRegistry> observations) {
        return new Copies(producerFactory, properties.sendTimeout(),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    TenantStatusRelay tenantStatusRelay(Copies copies, TenantStatusTopics topics, JsonMapper json,
            ObjectProvider<MeterRegistry> meters) {
        return new TenantStatusRelay(copies.template, topics, json, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /**
     * A producer of raw bytes with the service's own client settings (brokers, credentials, acks=all, idempotence)
     * but without the CloudEvents interceptor: a copy keeps the headers of the record it copies and gains none. Not a
     * {@code ProducerFactory} or {@code KafkaTemplate} bean, which would make Spring Boot's own back off.
     */
    static final class Copies implements DisposableBean {

        private final DefaultKafkaProducerFactory<String, byte[]> factory;
        final KafkaTemplate<String, byte[]> template;

        Copies(ProducerFactory<?, ?> service, Duration sendTimeout, ObservationRegistry observations) {
            Map<String, Object> config = new HashMap<>(service.getConfigurationProperties());
            config.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, withoutCloudEventHeaders(
                    config.get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG)));
            config.remove(CloudEventHeaders.SOURCE_CONFIG);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) sendTimeout.toMillis());
            factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
            template = new KafkaTemplate<>(factory);
            // the copy continues the course's trace, like every other hop
            template.setObservationRegistry(observations);
            template.setObservationEnabled(true);
        }

        /** The configured interceptors (a list of classes or names, or a comma-separated string) but ours. */
        private static List<Object> withoutCloudEventHeaders(Object configured) {
            List<Object> interceptors = new ArrayList<>();
            if (configured instanceof Collection<?> several) {
                interceptors.addAll(several);
            } else if (configured instanceof String names && !names.isBlank()) {
                interceptors.addAll(List.of(names.strip().split("\\s*,\\s*")));
            } else if (configured != null) {
                interceptors.add(configured);
            }
            interceptors.removeIf(interceptor -> interceptor.equals(CloudEventHeaders.class)
                    || interceptor.equals(CloudEventHeaders.class.getName()));
            return interceptors;
        }

        @Override
        public void destroy() {
            factory.destroy();
        }
    }
}
