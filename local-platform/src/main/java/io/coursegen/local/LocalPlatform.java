package io.coursegen.local;

import io.coursegen.content.ContentServiceApplication;
import io.coursegen.gateway.GatewayServiceApplication;
import io.coursegen.image.ImageServiceApplication;
import io.coursegen.local.infra.EmbeddedInfrastructure;
import io.coursegen.local.infra.KafkaSecurity;
import io.coursegen.outline.OutlineServiceApplication;
import io.coursegen.storage.StorageServiceApplication;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the embedded infrastructure, then storage, the three generating services and last the gateway,
 * so that the gateway only takes requests once everything behind it runs. Closing stops them in reverse.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);

    /** Auto-configurations only storage-service may use; the shared classpath would offer them to all. */
    private static final String MONGO_AUTO_CONFIGURATIONS = String.join(",",
            "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
            "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration",
            "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
            "org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration",
            "org.springframework.boot.mongodb.autoconfigure.metrics.MongoMetricsAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveRepositoriesAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration");
    /** Only the generating services call a chat or image model (the gateway moderates through its own configuration). */
    private static final String LLM_AUTO_CONFIGURATION = "io.coursegen.llm.LlmAutoConfiguration";

    private final PlatformSettings settings;
    private final EmbeddedInfrastructure infrastructure;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, List<String>> arguments = new LinkedHashMap<>();
    /** kafka-defaults' record secret for every service, unless the settings give one; see {@link #recordSecret}. */
    private final String recordSecret;

    private LocalPlatform(PlatformSettings settings) {
        this.settings = settings;
        this.infrastructure = new EmbeddedInfrastructure(settings.infra());
        this.recordSecret = settings.extraProperties().containsKey(PlatformSettings.KAFKA_RECORD_SECRET_PROPERTY) ? null
                : recordSecret(settings.dataDir());
    }

    /**
     * Every service signs its Kafka records with it, and its consumers ignore internal records their topic's owner did
     * not sign (kafka-defaults' {@code RecordProvenance}), with or without ACLs. Records outlive a restart in the data
     * directory, so the secret does too ({@code kafka-record-secret}, made on first use): a new one would refuse them,
     * and a refused record is lost. In memory (tests) a random one per start.
     */
    private static String recordSecret(Path dataDir) {
        return dataDir == null ? HexFormat.of().formatHex(randomBytes())
                : LocalPlatformApplication.secretIn(dataDir, "kafka-record-secret", "", 32);
    }

    public static LocalPlatform start(PlatformSettings settings) {
        LocalPlatform platform = new LocalPlatform(settings);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        infrastructure.start();
        if (secured()) {
            try (Admin admin = Admin.create(infrastructure.kafkaAdminProperties())) {
                KafkaAccess.provision(admin, settings.tenants(), settings.kafkaPartitions(),
                        settings.infra().kafkaSecurity()::passwordOf, Duration.ofSeconds(30));
            }
        }
        String s3 = infrastructure.s3Endpoint();
        String bucketSettings = "--coursegen.s3.endpoint=" + s3;

        // gateway and storage share it, and storage serves only requests the gateway signed with it
        String internalSecret = "--coursegen.internal.secret=" + HexFormat.of().formatHex(randomBytes());
        // seals webhook secrets at rest; kept in the data directory by LocalPlatformApplication, random in tests
        String webhookKeys = settings.extraProperties().containsKey(PlatformSettings.WEBHOOK_KEYS_PROPERTY) ? ""
                : "--" + PlatformSettings.WEBHOOK_KEYS_PROPERTY + "=local:" + Base64.getEncoder().encodeToString(randomBytes());
        // offline courses cost nothing: estimated (and reserved against the budget) at the offline model's price, 0
        boolean offline = "offline".equals(settings.llmProvider(System.getenv()));
        String estimatedChat = offline && !settings.extraProperties().containsKey("coursegen.estimates.chat-model")
                ? "--coursegen.estimates.chat-model=offline" : "";
        String estimatedImages = offline && !settings.extraProperties().containsKey("coursegen.estimates.image-model")
                ? "--coursegen.estimates.image-model=offline" : "";
        run("storage-service", StorageServiceApplication.application(), settings.storagePort(), LLM_AUTO_CONFIGURATION,
                internalSecret, webhookKeys, estimatedChat, estimatedImages,
                "--spring.mongodb.uri=" + infrastructure.mongoUri() + "/coursegen",
                bucketSettings, "--coursegen.s3.public-endpoint=" + s3,
                "--coursegen.s3.access-key=" + infrastructure.s3AccessKey(),
                "--coursegen.s3.secret-key=" + infrastructure.s3SecretKey(),
                // with Kafka security a tenant may read only course.status.<tenantId> (provisioned above): fill it
                secured() ? "--coursegen.status-feed.per-tenant-topics=true" : "");
        // stated for each generating service and the gateway (input moderation), which would refuse to start without one
        // (the settings' own is passed anyway)
        String provider = settings.extraProperties().containsKey(PlatformSettings.LLM_PROVIDER_PROPERTY) ? ""
                : "--" + PlatformSettings.LLM_PROVIDER_PROPERTY + "=" + settings.llmProvider(System.getenv());
        run("outline-service", OutlineServiceApplication.application(), settings.outlinePort(), MONGO_AUTO_CONFIGURATIONS,
                provider);
        run("content-service", ContentServiceApplication.application(), settings.contentPort(), MONGO_AUTO_CONFIGURATIONS,
                provider);
        run("image-service", ImageServiceApplication.application(), settings.imagePort(), MONGO_AUTO_CONFIGURATIONS,
                provider, bucketSettings,
                "--coursegen.s3.access-key=" + infrastructure.s3AccessKey(),
                "--coursegen.s3.secret-key=" + infrastructure.s3SecretKey());
        run("gateway-service", GatewayServiceApplication.application(), settings.gatewayPort(),
                MONGO_AUTO_CONFIGURATIONS + "," + LLM_AUTO_CONFIGURATION,
                internalSecret,
                "--coursegen.gateway.storage-url=http://127.0.0.1:" + storagePort(),
                // the ops view reads each service's metrics where this platform started it
                "--coursegen.ops.outline-url=http://127.0.0.1:" + servicePort("outline-service", settings.outlinePort()),
                "--coursegen.ops.content-url=http://127.0.0.1:" + servicePort("content-service", settings.contentPort()),
                "--coursegen.ops.image-url=http://127.0.0.1:" + servicePort("image-service", settings.imagePort()),
                "--coursegen.gateway.api-keys=" + settings.apiKeys(),
                provider,
                // with Kafka security a submitter is a Kafka principal on its own topic: no API key on a record
                secured() ? "--coursegen.gateway.intake.authentication=principal" : "");
    }

    private boolean secured() {
        return settings.infra().kafkaSecurity() != null;
    }

    /**
     * Settings a plain Kafka client needs to log in to this platform's broker as {@code user} (a service's name,
     * or {@link KafkaAccess#tenantUser} of a tenant); without security only the bootstrap servers.
     */
    public Map<String, Object> kafkaClientProperties(String user) {
        KafkaSecurity security = settings.infra().kafkaSecurity();
        if (security == null) {
            return new java.util.HashMap<>(Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()));
        }
        return KafkaSecurity.scramClient(infrastructure.kafkaBootstrapServers(), user, security.passwordOf(user));
    }

    private void run(String name, SpringApplication application, int port, String excludedAutoConfigurations,
            String... serviceArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.main.banner-mode=off",
                // logging is one system per JVM: the name would be whichever service started last
                "--logging.include-application-name=false",
                // this class stops the services in order; their own hooks would race it
                "--spring.main.register-shutdown-hook=false",
                "--spring.autoconfigure.exclude=" + excludedAutoConfigurations));
        if (recordSecret != null) {
            args.add("--" + PlatformSettings.KAFKA_RECORD_SECRET_PROPERTY + "=" + recordSecret);
        }
        if (secured()) {
            // each service its own principal; topics were created above, by the platform, which alone may
            args.add("--coursegen.kafka.sasl.username=" + name);
            args.add("--coursegen.kafka.sasl.password=" + settings.infra().kafkaSecurity().passwordOf(name));
            args.add("--spring.kafka.admin.auto-create=false");
        }
        settings.extraProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        Arrays.stream(serviceArgs).filter(arg -> !arg.isEmpty()).forEach(args::add);
        arguments.put(name, List.copyOf(args));
        if (settings.skippedServices().contains(name)) {
            log.info("{} is not started here", name);
            return;
        }
        ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
        services.add(context);
        ports.put(name, Integer.parseInt(context.getEnvironment().getProperty("local.server.port", String.valueOf(port))));
        log.info("{} started on port {}", name, ports.get(name));
    }

    /** 256 random bits, new for each platform: nothing outside it knows them. */
    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** Where the gateway finds storage-service: started here, or run elsewhere on the port the settings fix. */
    private int storagePort() {
        Integer started = ports.get("storage-service");
        if (started != null) {
            return started;
        }
        if (settings.storagePort() == 0) {
            throw new IllegalStateException("storage-service runs elsewhere: give it a fixed port, the gateway must know it");
        }
        return settings.storagePort();
    }

    /** Where a service listens: the port it was started on here, or the one the settings fix if it runs elsewhere. */
    private int servicePort(String service, int configured) {
        return ports.getOrDefault(service, configured);
    }

    /** The port a service actually listens on (settings may say 0). */
    public int port(String service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalArgumentException("No running service named " + service);
        }
        return port;
    }

    /**
     * The command-line arguments this platform gives a service (started here or left out with
     * {@link PlatformSettings#without}), to run it elsewhere exactly as it would run here.
     */
    public List<String> serviceArguments(String service) {
        List<String> args = arguments.get(service);
        if (args == null) {
            throw new IllegalArgumentException("No service named " + service);
        }
        return args;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + port("gateway-service");
    }

    public EmbeddedInfrastructure infrastructure() {
        return infrastructure;
    }

    public List<ConfigurableApplicationContext> services() {
        return List.copyOf(services);
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).close();
            } catch (RuntimeException e) {
                log.warn("Stopping a service failed", e);
            }
        }
        services.clear();
        infrastructure.close();
    }
}
