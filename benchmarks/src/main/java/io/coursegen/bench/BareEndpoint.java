package io.coursegen.bench;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The intake's yardstick: the same stack as the gateway (Spring Boot WebFlux on Reactor Netty, Jackson) in the same
 * JVM, answering the same request with the same 202 and body shape, but with nothing behind it: no API key check,
 * no validation, no Kafka. Only the listed auto-configurations, since the shared classpath would otherwise bring
 * Kafka, MongoDB and the LLM client into it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ConfigurationPropertiesAutoConfiguration.class,
        SslAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        CodecsAutoConfiguration.class,
        NettyReactiveWebServerAutoConfiguration.class,
        HttpHandlerAutoConfiguration.class,
        WebFluxAutoConfiguration.class,
        ErrorWebFluxAutoConfiguration.class})
@Import(BareEndpoint.Intake.class)
class BareEndpoint {

    static ConfigurableApplicationContext start() {
        SpringApplication application = new SpringApplication(BareEndpoint.class);
        application.setDefaultProperties(Map.of("spring.config.name", "bare-endpoint"));
        return application.run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--logging.include-application-name=false", "--spring.main.register-shutdown-hook=false",
                "--logging.config=classpath:" + BenchmarkSettings.LOGGING_CONFIG);
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @RestController
    static class Intake {

        /** Reads and decodes the body as the gateway does, then answers at once. */
        @PostMapping(path = "/api/v1/courses", consumes = MediaType.APPLICATION_JSON_VALUE)
        Mono<ResponseEntity<Map<String, String>>> submit(@RequestBody Map<String, Object> body) {
            String courseId = UUID.randomUUID().toString();
            return Mono.just(ResponseEntity.accepted().location(URI.create("/api/v1/courses/" + courseId))
                    .body(Map.of("courseId", courseId, "status", "QUEUED")));
        }
    }
}
