package io.coursegen.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/** {@code kafka} in every service's health endpoint; the services put it in their readiness group. */
@AutoConfiguration(after = KafkaDefaultsAutoConfiguration.class,
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
public class KafkaHealthAutoConfiguration {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Bean("kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
        Map<String, Object> properties = new HashMap<>(kafka.buildAdminProperties());
        // a probe must answer quickly; the admin client's own retries would outlast it
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        return new KafkaHealthIndicator(properties, TIMEOUT);
    }
}
