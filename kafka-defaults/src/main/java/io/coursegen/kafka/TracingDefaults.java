package io.coursegen.kafka;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One trace per course across every Kafka hop: KafkaTemplate and listener observations are switched on, so each
 * record carries a W3C {@code traceparent} and each listener continues the trace of the record it handles; every
 * trace is sampled (a course is a handful of spans). These are defaults at the lowest precedence: a service's
 * own configuration or the environment wins. Spans leave the process only when an OTLP endpoint is configured
 * ({@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT}).
 */
public class TracingDefaults implements EnvironmentPostProcessor, Ordered {

    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.kafka.template.observation-enabled", "true",
            "spring.kafka.listener.observation-enabled", "true",
            "management.tracing.sampling.probability", "1.0");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("coursegenTracingDefaults", DEFAULTS));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
