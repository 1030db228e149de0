package io.coursegen.kafka;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * What every service shows operators, set once here instead of in five ymls: console logs as JSON in the Elastic
 * Common Schema (one object per line with {@code traceId}, {@code spanId}, {@code courseId} and {@code tenant}
 * for a log collector; {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash} or {@code gelf} for other collectors),
 * histogram buckets for {@code http.server.requests}, so dashboards can compute p95 across instances, and metrics
 * scraped, not pushed.
 * Lowest precedence, like {@link TracingDefaults}: a service's own configuration or the environment wins. The
 * local platform, one JVM with a human at the console, keeps plain text unless the environment asks for JSON
 * (its own {@code logback.xml} decides).
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor, Ordered {

    static final Map<String, Object> DEFAULTS = Map.of(
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
