package io.coursegen.gateway.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Puts the ops view where actuator is served. Spring Boot imports the classes listed in
 * {@code META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports}
 * into the context that serves actuator: the main one when {@code management.server.port} is unset or equal to
 * {@code server.port} (the local run, the tests), the management child context on its own port otherwise. So
 * {@code /ops} is on exactly one port, and never on the public one when a management port is set.
 *
 * <p>Deliberately without {@code @ManagementContextConfiguration} (or any stereotype): that annotation is a
 * {@code @Configuration}, which component scanning would also put in the main context, serving {@code /ops} on
 * the public port as well. Listed without it, Boot takes the class as {@code ManagementContextType.ANY}. For the
 * same reason the endpoints are a {@link RouterFunction} bean rather than a scanned {@code @RestController}.
 */
@EnableConfigurationProperties(OpsProperties.class)
class OpsEndpoints {

    @Bean
    MetricsScraper opsMetricsScraper(OpsProperties properties, ObjectProvider<PrometheusMeterRegistry> registry,
            Environment environment) {
        return new MetricsScraper(properties, registry, environment);
    }

    @Bean
    RouterFunction<ServerResponse> opsRoutes(MetricsScraper scraper, OpsProperties properties) {
        return new OpsController(scraper, properties).routes();
    }
}
