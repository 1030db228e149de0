package io.coursegen.local;

import io.coursegen.local.infra.InfraSettings;
import io.coursegen.local.infra.KafkaSecurity;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where everything listens and what the services are told beyond their own defaults.
 *
 * @param dataDir         null keeps everything in memory (tests)
 * @param apiKeys         {@code tenant=key,...} for the gateway
 * @param extraProperties added to every service (e.g. the LLM provider settings)
 * @param skippedServices services (by module name, e.g. {@code content-service}) not to start, because the caller
 *                        runs them elsewhere, e.g. in a process of their own that a test can kill
 */
public record PlatformSettings(
        InfraSettings infra,
        int gatewayPort,
        int outlinePort,
        int contentPort,
        int imagePort,
        int storagePort,
        String apiKeys,
        Map<String, String> extraProperties,
        Set<String> skippedServices) {

    public static final String S3_ACCESS_KEY = "coursegen";
    static final String LLM_PROVIDER_PROPERTY = "coursegen.llm.provider";
    static final String WEBHOOK_KEYS_PROPERTY = "coursegen.webhooks.secret-keys";
    /** kafka-defaults' record secret: every service signs what it sends with it and checks what it reads. */
    public static final String KAFKA_RECORD_SECRET_PROPERTY = "coursegen.kafka.record-secret";

    public PlatformSettings {
        skippedServices = Set.copyOf(skippedServices);
    }

    /** Every service started. */
    public PlatformSettings(InfraSettings infra, int gatewayPort, int outlinePort, int contentPort, int imagePort,
            int storagePort, String apiKeys, Map<String, String> extraProperties) {
        this(infra, gatewayPort, outlinePort, contentPort, imagePort, storagePort, apiKeys, extraProperties, Set.of());
    }

    /** The same settings with one more property for every service. */
    public PlatformSettings with(String property, String value) {
        Map<String, String> properties = new HashMap<>(extraProperties);
        properties.put(property, value);
        return new PlatformSettings(infra, gatewayPort, outlinePort, contentPort, imagePort, storagePort, apiKeys,
                properties, skippedServices);
    }

    /** The same settings with Kafka secured as given ({@code null}: open), see {@link KafkaSecurity}. */
    public PlatformSettings withKafkaSecurity(KafkaSecurity security) {
        return new PlatformSettings(infra.withKafkaSecurity(security), gatewayPort, outlinePort, contentPort, imagePort,
                storagePort, apiKeys, extraProperties, skippedServices);
    }

    /** The tenants of {@link #apiKeys} ({@code tenant=key,...}), each once, in order. */
    public List<String> tenants() {
        if (apiKeys == null || apiKeys.isBlank()) {
            return List.of();
        }
        return Arrays.stream(apiKeys.split(","))
                .map(String::strip)
                .filter(entry -> entry.contains("="))
                .map(entry -> entry.substring(0, entry.indexOf('=')).strip())
                .filter(tenant -> !tenant.isEmpty())
                .distinct()
                .toList();
    }

    /** Partitions of every topic, as the services are told ({@code coursegen.kafka.partitions}, default 6). */
    int kafkaPartitions() {
        return Integer.parseInt(extraProperties.getOrDefault("coursegen.kafka.partitions", "6").trim());
    }

    /**
     * {@code COURSEGEN_KAFKA_SECURITY}: {@code none} (default) or {@code scram}, with the internal listener on
     * {@code COURSEGEN_KAFKA_INTERNAL_PORT} (default 9094) and each user's password from {@code passwords}.
     */
    static KafkaSecurity kafkaSecurity(Map<String, String> env, UnaryOperator<String> passwords) {
        String mode = env.getOrDefault("COURSEGEN_KAFKA_SECURITY", "none").strip().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "", "none" -> null;
            case "scram" -> new KafkaSecurity(port(env, "COURSEGEN_KAFKA_INTERNAL_PORT", 9094), passwords);
            default -> throw new IllegalArgumentException("COURSEGEN_KAFKA_SECURITY must be none or scram, not '" + mode + "'");
        };
    }

    /** The same settings without starting {@code service}; {@link LocalPlatform#serviceArguments} tells how to run it. */
    public PlatformSettings without(String service) {
        Set<String> skipped = new HashSet<>(skippedServices);
        skipped.add(service);
        return new PlatformSettings(infra, gatewayPort, outlinePort, contentPort, imagePort, storagePort, apiKeys,
                extraProperties, skipped);
    }

    /**
     * The LLM provider the generating services run on: as the settings or the environment state it, openai when an
     * API key is set, and otherwise offline. Only the local platform assumes offline; a deployed service refuses to
     * start without a stated provider.
     */
    public String llmProvider(Map<String, String> env) {
        String stated = extraProperties.getOrDefault(LLM_PROVIDER_PROPERTY, env.getOrDefault("COURSEGEN_LLM_PROVIDER", ""));
        if (!stated.isBlank()) {
            return stated.trim();
        }
        return env.getOrDefault("OPENAI_API_KEY", "").isBlank() ? "offline" : "openai";
    }

    public Path dataDir() {
        return infra.dataDir();
    }

    /** Every port chosen by the system, everything in memory: for tests. */
    public static PlatformSettings ephemeral(String apiKeys, Map<String, String> extraProperties) {
        return new PlatformSettings(new InfraSettings(null, 0, 0, 0, 0, S3_ACCESS_KEY, "coursegen-test-secret"),
                0, 0, 0, 0, 0, apiKeys, extraProperties);
    }

    /** The usual ports, each overridable from the environment, so kcat, mongosh and the AWS CLI work as documented. */
    static PlatformSettings fromEnvironment(Map<String, String> env, String apiKeys, String s3SecretKey) {
        Path dataDir = Path.of(env.getOrDefault("COURSEGEN_DATA_DIR", "./data")).toAbsolutePath().normalize();
        InfraSettings infra = new InfraSettings(dataDir,
                port(env, "COURSEGEN_KAFKA_PORT", 9092),
                port(env, "COURSEGEN_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "COURSEGEN_MONGO_PORT", 27017),
                port(env, "COURSEGEN_S3_PORT", 9000),
                S3_ACCESS_KEY, s3SecretKey);
        return new PlatformSettings(infra,
                port(env, "SERVER_PORT", 8080),
                port(env, "COURSEGEN_OUTLINE_PORT", 8081),
                port(env, "COURSEGEN_CONTENT_PORT", 8082),
                port(env, "COURSEGEN_IMAGE_PORT", 8083),
                port(env, "COURSEGEN_STORAGE_PORT", 8084),
                apiKeys, Map.of());
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}
