package io.coursegen.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A service's Kafka principal from two plain settings, {@code coursegen.kafka.sasl.username} and
 * {@code coursegen.kafka.sasl.password} (env {@code COURSEGEN_KAFKA_SASL_USERNAME} / {@code _PASSWORD}), instead of a
 * hand-written JAAS line in every deployment. When a username is set, every client Spring Boot builds (producers,
 * consumers, the dead-letter producer, admin and the health probe) authenticates with SASL/SCRAM-SHA-512 over
 * {@code SASL_PLAINTEXT}; {@code coursegen.kafka.sasl.mechanism} and {@code spring.kafka.security.protocol} change
 * those (e.g. {@code SASL_SSL} where the broker has TLS). The JAAS line is made here and handed to the Kafka client
 * as {@code sasl.jaas.config}, a password-typed setting the client never logs; a service's own
 * {@code spring.kafka.properties.sasl.jaas.config} still wins (these are added at the lowest precedence).
 * Without a username nothing changes.
 */
public class KafkaSaslCredentials implements EnvironmentPostProcessor, Ordered {

    static final String USERNAME = "coursegen.kafka.sasl.username";
    static final String PASSWORD = "coursegen.kafka.sasl.password";
    static final String MECHANISM = "coursegen.kafka.sasl.mechanism";
    static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String username = environment.getProperty(USERNAME, "").strip();
        if (username.isEmpty()) {
            return;
        }
        String password = environment.getProperty(PASSWORD, "");
        if (password.isEmpty()) {
            throw new IllegalStateException(USERNAME + " is set but " + PASSWORD
                    + " is empty: a Kafka principal needs its password (COURSEGEN_KAFKA_SASL_PASSWORD)");
        }
        String mechanism = environment.getProperty(MECHANISM, DEFAULT_MECHANISM).strip();
        Map<String, Object> sasl = new LinkedHashMap<>();
        sasl.put("spring.kafka.security.protocol", "SASL_PLAINTEXT");
        sasl.put("spring.kafka.properties.sasl.mechanism", mechanism);
        sasl.put("spring.kafka.properties.sasl.jaas.config", jaasConfig(mechanism, username, password));
        environment.getPropertySources().addLast(new MapPropertySource("coursegenKafkaSasl", sasl));
    }

    /** The client's JAAS line for a SCRAM or PLAIN login; quotes and backslashes in the values are escaped. */
    public static String jaasConfig(String mechanism, String username, String password) {
        String module = mechanism.toUpperCase(java.util.Locale.ROOT).startsWith("SCRAM-")
                ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
        return module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
