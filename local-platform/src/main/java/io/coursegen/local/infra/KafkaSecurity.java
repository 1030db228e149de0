package io.coursegen.local.infra;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Kafka with authentication and authorization on: clients connect to a {@code SASL_PLAINTEXT} listener and log in
 * with SCRAM-SHA-512 (credentials kept in the cluster metadata, made by the platform through the Admin API); the
 * {@code StandardAuthorizer} allows only what an ACL grants. The broker itself (inter-broker and controller traffic)
 * and the platform's own admin client log in with SASL/PLAIN as {@link #ADMIN} on an internal listener and a
 * controller listener of their own, both on loopback: the admin is the only super user, and PLAIN needs no credential
 * in the metadata, so it works before anything was created and on a log directory formatted without security.
 *
 * @param internalPort port of the internal listener (broker-to-broker traffic and the platform admin), 0 for any
 * @param passwords    the password of each Kafka user by name (the admin's too); the same name must give the same
 *                     password for as long as the platform runs
 */
public record KafkaSecurity(int internalPort, UnaryOperator<String> passwords) {

    /** The broker's and the platform's own principal, {@code User:coursegen-admin}. */
    public static final String ADMIN = "coursegen-admin";
    public static final String MECHANISM = "SCRAM-SHA-512";

    public KafkaSecurity {
        if (internalPort < 0 || internalPort > 65535) {
            throw new IllegalArgumentException("internalPort must be between 0 and 65535, was " + internalPort);
        }
        Objects.requireNonNull(passwords, "passwords");
    }

    /** Passwords made up at random the first time a user is named and kept in memory: for tests. */
    public static KafkaSecurity randomPasswords(int internalPort) {
        Map<String, String> made = new java.util.concurrent.ConcurrentHashMap<>();
        return new KafkaSecurity(internalPort, user -> made.computeIfAbsent(user, ignored -> {
            byte[] bytes = new byte[24];
            new java.security.SecureRandom().nextBytes(bytes);
            return java.util.HexFormat.of().formatHex(bytes);
        }));
    }

    public String passwordOf(String user) {
        String password = passwords.apply(user);
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("No Kafka password for user " + user);
        }
        return password;
    }

    /** What a Kafka client needs to log in as {@code user} with SCRAM-SHA-512 at {@code bootstrapServers}. */
    public static Map<String, Object> scramClient(String bootstrapServers, String user, String password) {
        return client(bootstrapServers, MECHANISM,
                "org.apache.kafka.common.security.scram.ScramLoginModule", user, password);
    }

    static Map<String, Object> plainClient(String bootstrapServers, String user, String password) {
        return client(bootstrapServers, "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule", user,
                password);
    }

    private static Map<String, Object> client(String bootstrapServers, String mechanism, String module, String user,
            String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        config.put(SaslConfigs.SASL_MECHANISM, mechanism);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(module, user, password, false));
        return config;
    }

    /** A JAAS line; with {@code server} also the PLAIN server's one user ({@code user_<name>="<password>"}). */
    static String jaas(String module, String user, String password, boolean server) {
        String line = module + " required username=\"" + quoted(user) + "\" password=\"" + quoted(password) + "\"";
        if (server) {
            line += " user_" + user + "=\"" + quoted(password) + "\"";
        }
        return line + ";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
