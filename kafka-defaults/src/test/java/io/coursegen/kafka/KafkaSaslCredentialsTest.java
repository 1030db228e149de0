package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class KafkaSaslCredentialsTest {

    @Test
    void aUsernameAndPasswordBecomeScramOverSaslPlaintextForEveryClient() {
        StandardEnvironment environment = environment(Map.of(
                "coursegen.kafka.sasl.username", "content-service",
                "coursegen.kafka.sasl.password", "pa\"ss\\word"));

        new KafkaSaslCredentials().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.kafka.security.protocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        // the line parses back, as Kafka's client reads it, to exactly the username and password given
        JaasContext context = JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG,
                new Password(environment.getProperty("spring.kafka.properties.sasl.jaas.config"))));
        assertThat(context.configurationEntries()).singleElement().satisfies(entry -> {
            assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
            assertThat(entry.getOptions().get("username")).isEqualTo("content-service");
            assertThat(entry.getOptions().get("password")).isEqualTo("pa\"ss\\word");
        });
    }

    @Test
    void aServicesOwnKafkaSecuritySettingsWin() {
        StandardEnvironment environment = environment(Map.of(
                "coursegen.kafka.sasl.username", "content-service",
                "coursegen.kafka.sasl.password", "secret",
                "spring.kafka.security.protocol", "SASL_SSL"));

        new KafkaSaslCredentials().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.kafka.security.protocol")).isEqualTo("SASL_SSL");
    }

    @Test
    void withoutAUsernameNothingChanges() {
        StandardEnvironment environment = environment(Map.of());

        new KafkaSaslCredentials().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.kafka.security.protocol")).isNull();
        assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config")).isNull();
    }

    @Test
    void aUsernameWithoutPasswordStopsTheServiceFromStarting() {
        StandardEnvironment environment = environment(Map.of("coursegen.kafka.sasl.username", "content-service"));

        assertThatThrownBy(() -> new KafkaSaslCredentials().postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("COURSEGEN_KAFKA_SASL_PASSWORD");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", properties));
        return environment;
    }
}
