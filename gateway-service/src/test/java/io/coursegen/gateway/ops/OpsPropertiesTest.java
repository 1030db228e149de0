package io.coursegen.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * docker-compose.yml and deploy/k8s point the ops view at storage-service's management port with
 * {@code COURSEGEN_OPS_STORAGE_URL}, which gateway-service.yml does not name: it binds by Spring Boot's relaxed
 * names, over the file's default (the address the gateway forwards API reads to).
 */
class OpsPropertiesTest {

    @Test
    void theStorageMetricsAddressFromTheEnvironmentOverridesTheApiAddress() {
        assertThat(bind(Map.of("COURSEGEN_OPS_STORAGE_URL", "http://storage-service:9084")).storageUrl())
                .isEqualTo(URI.create("http://storage-service:9084"));
        assertThat(bind(Map.of()).storageUrl()).as("unset: the API's address, where actuator is in a local run")
                .isEqualTo(URI.create("http://localhost:8084"));
    }

    private static OpsProperties bind(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().forEach(source -> environment.getPropertySources().remove(source.getName()));
        environment.getPropertySources().addLast(new SystemEnvironmentPropertySource("systemEnvironment", variables));
        // as gateway-service.yml has them
        environment.getPropertySources().addLast(new MapPropertySource("gateway-service.yml", Map.of(
                "coursegen.gateway.storage-url", "http://localhost:8084",
                "coursegen.ops.storage-url", "${coursegen.gateway.storage-url}")));
        return Binder.get(environment).bindOrCreate("coursegen.ops", OpsProperties.class);
    }
}
