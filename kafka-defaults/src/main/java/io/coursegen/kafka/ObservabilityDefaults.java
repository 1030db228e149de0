package io.coursegen.kafka;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * What every service shows operators, set once here instead of in five ymls, at the lowest precedence (a service's
 * own configuration or the environment wins):
 * <ul>
 *   <li>One trace per course across every Kafka hop: KafkaTemplate and listener observations are on, so each record
 *       carries a W3C {@code traceparent} and each listener continues the trace of the record it handles; every trace
 *       is sampled (a course is a handful of spans). Spans leave the process only when an OTLP endpoint is configured
 *       ({@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT}).</li>
 *   <li>Console logs as JSON in the Elastic Common Schema (one object per line with {@code traceId}, {@code spanId},
 *       {@code courseId} and {@code tenant} for a log collector; {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash}
 *       or {@code gelf} for other collectors). The local platform, one JVM with a human at the console, keeps plain
 *       text unless the environment asks for JSON (its own {@code logback.xml} decides).</li>
 *   <li>Histogram buckets for {@code http.server.requests}, so dashboards compute p95 across instances, and metrics
 *       scraped, not pushed.</li>
 * </ul>
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor, Ordered {

    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.kafka.template.observation-enabled", "true",
            "spring.kafka.listener.observation-enabled", "true",
            "management.tracing.sampling.probability", "1.0",
            "logging.structured.format.console", "ecs",
            "management.metrics.distribution.percentiles-histogram.http.server.requests", "true",
            // the OpenTelemetry starter brings an OTLP metrics registry that would push to localhost:4318 every
            // minute; metrics are scraped from /actuator/prometheus (MANAGEMENT_OTLP_METRICS_EXPORT_ENABLED=true
            // and ..._URL push them instead)
            "management.otlp.metrics.export.enabled", "false");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("coursegenObservabilityDefaults", DEFAULTS));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
