package io.coursegen.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar local-platform/target/local-platform-exec.jar}: the whole platform on this machine, data
 * under {@code COURSEGEN_DATA_DIR} (default {@code ./data}). Without {@code COURSEGEN_API_KEYS} it makes
 * one demo key, keeps it in the data directory so it survives restarts, and prints it.
 */
public final class LocalPlatformApplication {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatformApplication.class);

    private LocalPlatformApplication() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        Path dataDir = Path.of(env.getOrDefault("COURSEGEN_DATA_DIR", "./data")).toAbsolutePath().normalize();
        String configuredKeys = env.get("COURSEGEN_API_KEYS");
        String demoKey = configuredKeys == null || configuredKeys.isBlank() ? secretIn(dataDir, "demo-api-key", "cg_demo_") : null;
        String apiKeys = demoKey != null ? "demo=" + demoKey : configuredKeys;
        String s3Secret = env.getOrDefault("COURSEGEN_S3_SECRET_KEY", secretIn(dataDir, "s3-secret-key", ""));

        // webhook secrets are sealed with it in MongoDB: it must outlive restarts as the data does
        String webhookKeys = env.getOrDefault("COURSEGEN_WEBHOOKS_SECRET_KEYS",
                "local:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(
                        secretIn(dataDir, "webhook-secret-key", "", 32))));
        // each Kafka user's password in data/kafka-users/<user>.password (services' and tenants'), made on first use
        PlatformSettings settings = PlatformSettings.fromEnvironment(env, apiKeys, s3Secret)
                .with(PlatformSettings.WEBHOOK_KEYS_PROPERTY, webhookKeys)
                .withKafkaSecurity(PlatformSettings.kafkaSecurity(env,
                        user -> secretIn(dataDir, "kafka-users/" + user + ".password", "")));
        // a record secret from the environment wins; else the platform keeps one in the data directory
        String recordSecret = env.get("COURSEGEN_KAFKA_RECORD_SECRET");
        if (recordSecret != null && !recordSecret.isBlank()) {
            settings = settings.with(PlatformSettings.KAFKA_RECORD_SECRET_PROPERTY, recordSecret);
        }
        LocalPlatform platform = LocalPlatform.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Coursegen");
            platform.close();
            stopped.countDown();
        }, "coursegen-shutdown"));

        System.out.println(welcome(platform, settings, demoKey, env));
        stopped.await();
    }

    /** A random secret of 20 bytes, as hex after {@code prefix}, kept in the data directory, made on first use. */
    private static String secretIn(Path dataDir, String fileName, String prefix) {
        return secretIn(dataDir, fileName, prefix, 20);
    }

    static String secretIn(Path dataDir, String fileName, String prefix, int bytes) {
        Path file = dataDir.resolve(fileName);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[bytes];
            new SecureRandom().nextBytes(random);
            String secret = prefix + HexFormat.of().formatHex(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep " + fileName + " in " + dataDir, e);
        }
    }

    private static String kafkaSecurityNote(PlatformSettings settings) {
        if (settings.infra().kafkaSecurity() == null) {
            return "";
        }
        return "   SASL_PLAINTEXT, SCRAM-SHA-512, ACLs; passwords in " + settings.dataDir().resolve("kafka-users")
                + "\n              tenants submit on course.requests.<tenant> as user tenant-<tenant>";
    }

    private static String welcome(LocalPlatform platform, PlatformSettings settings, String demoKey, Map<String, String> env) {
        String gateway = "http://localhost:" + platform.port("gateway-service");
        String key = demoKey != null ? demoKey : "<your key from COURSEGEN_API_KEYS>";
        String provider = settings.llmProvider(env);
        var infra = platform.infrastructure();
        return """

                ============================================================================
                 Coursegen is running (LLM provider: %s)
                ============================================================================
                 Gateway      %s   API key%s: %s
                 Services     outline :%d  content :%d  image :%d  storage :%d (internal)
                 Kafka        %s
                 MongoDB      %s/coursegen
                 S3           %s   (access key %s, secret in %s/s3-secret-key)
                 Data         %s

                 Submit a course:
                   curl -s -X POST %s/api/v1/courses -H 'X-API-Key: %s' \\
                        -H 'Content-Type: application/json' \\
                        -d '{"topic":"Quantum computing for product managers","lessonCount":3}'
                 Follow it:   curl -N %s/api/v1/courses/<courseId>/events -H 'X-API-Key: %s'
                 Read it:     curl -s %s/api/v1/courses/<courseId> -H 'X-API-Key: %s'
                 Watch it:    %s/ops in a browser (throughput, latencies, model calls, spend, lag)
                 Stop:        Ctrl+C (data stays in %s)
                ============================================================================
                """.formatted(provider, gateway, demoKey != null ? " (tenant 'demo')" : "", key,
                platform.port("outline-service"), platform.port("content-service"), platform.port("image-service"),
                platform.port("storage-service"), infra.kafkaBootstrapServers() + kafkaSecurityNote(settings), infra.mongoUri(), infra.s3Endpoint(),
                infra.s3AccessKey(), settings.dataDir(), settings.dataDir(), gateway, key, gateway, key, gateway, key,
                gateway, settings.dataDir());
    }
}
