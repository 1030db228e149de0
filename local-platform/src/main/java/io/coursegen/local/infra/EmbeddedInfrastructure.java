package io.coursegen.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, a MongoDB-wire server and an S3 server in this JVM. With a data directory everything is kept in
 * {@code kafka/}, {@code mongo/} and {@code s3/} below it and survives a restart; without one the stores live in
 * memory and Kafka uses a temporary directory that is deleted on close. Each part can be stopped and started
 * again on the same port with the same data, to show how the services live through an outage.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final InfraSettings settings;
    private final List<AutoCloseable> running = new ArrayList<>();
    private EmbeddedKafka kafka;
    private EmbeddedMongo mongo;
    private EmbeddedS3 s3;
    private Path temporaryKafkaDir;

    public EmbeddedInfrastructure(InfraSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Starts all three; if one fails, the ones already started are stopped again before the failure is thrown. */
    public void start() {
        if (!running.isEmpty()) {
            throw new IllegalStateException("The infrastructure is already running");
        }
        Path dataDir = settings.dataDir();
        try {
            // the quick stores first, so a port clash shows before the slow Kafka start
            mongo = new EmbeddedMongo(dataDir == null ? null : dataDir.resolve("mongo"), settings.mongoPort());
            mongo.start();
            running.add(mongo);

            s3 = new EmbeddedS3(dataDir == null ? null : dataDir.resolve("s3"), settings.s3Port(),
                    settings.s3AccessKey(), settings.s3SecretKey());
            s3.start();
            running.add(s3);

            kafka = new EmbeddedKafka(dataDir == null ? createTemporaryKafkaDir() : dataDir.resolve("kafka"),
                    settings.kafkaPort(), settings.kafkaControllerPort(), settings.kafkaSecurity());
            kafka.start();
            running.add(kafka);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public String kafkaBootstrapServers() {
        return started(kafka).bootstrapServers();
    }

    /** An admin client's settings that may do anything on the broker (see {@link EmbeddedKafka#adminClientProperties()}). */
    public Map<String, Object> kafkaAdminProperties() {
        return started(kafka).adminClientProperties();
    }

    public String mongoUri() {
        return started(mongo).connectionString();
    }

    public String s3Endpoint() {
        return started(s3).endpoint();
    }

    /** Stops the broker; its log directory and ports stay for {@link #startKafka()}. */
    public void stopKafka() {
        started(kafka).close();
    }

    public void startKafka() {
        started(kafka).start();
    }

    /** Takes the MongoDB-wire server off the network and drops its connections; the data stays for {@link #startMongo()}. */
    public void stopMongo() {
        started(mongo).stop();
    }

    public void startMongo() {
        started(mongo).start();
    }

    /** Takes the S3 server off the network; the blobs stay for {@link #startS3()}. */
    public void stopS3() {
        started(s3).stop();
    }

    public void startS3() {
        started(s3).start();
    }

    public String s3AccessKey() {
        return settings.s3AccessKey();
    }

    public String s3SecretKey() {
        return settings.s3SecretKey();
    }

    /** Stops in reverse start order; a part that fails to stop is logged so the others still get stopped. */
    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            AutoCloseable part = running.get(i);
            try {
                part.close();
            } catch (Exception e) {
                log.error("Could not stop {}", part.getClass().getSimpleName(), e);
            }
        }
        running.clear();
        if (temporaryKafkaDir != null) {
            deleteRecursively(temporaryKafkaDir);
            temporaryKafkaDir = null;
        }
    }

    private static <T> T started(T part) {
        if (part == null) {
            throw new IllegalStateException("The infrastructure has not been started");
        }
        return part;
    }

    private Path createTemporaryKafkaDir() {
        try {
            temporaryKafkaDir = Files.createTempDirectory("coursegen-kafka-");
            return temporaryKafkaDir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary Kafka log directory", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not delete the temporary Kafka log directory {}", dir, e);
        }
    }
}
