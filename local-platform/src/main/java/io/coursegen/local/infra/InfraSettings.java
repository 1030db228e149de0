package io.coursegen.local.infra;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how the embedded infrastructure runs.
 *
 * @param dataDir             root of all on-disk data, or {@code null} for in-memory stores and a temporary Kafka log
 * @param kafkaPort           Kafka client port, 0 for any free port
 * @param kafkaControllerPort KRaft controller port, 0 for any free port
 * @param mongoPort           MongoDB-wire port, 0 for any free port
 * @param s3Port              S3 port, 0 for any free port
 * @param s3AccessKey         access key S3 clients must sign with
 * @param s3SecretKey         the matching secret key
 * @param kafkaSecurity       null: Kafka lets anyone connect and do anything; else SASL/SCRAM and ACLs
 */
public record InfraSettings(Path dataDir, int kafkaPort, int kafkaControllerPort, int mongoPort, int s3Port,
                            String s3AccessKey, String s3SecretKey, KafkaSecurity kafkaSecurity) {

    /** Kafka without security. */
    public InfraSettings(Path dataDir, int kafkaPort, int kafkaControllerPort, int mongoPort, int s3Port,
            String s3AccessKey, String s3SecretKey) {
        this(dataDir, kafkaPort, kafkaControllerPort, mongoPort, s3Port, s3AccessKey, s3SecretKey, null);
    }

    /** The same settings with Kafka secured as given (null: not secured). */
    public InfraSettings withKafkaSecurity(KafkaSecurity security) {
        return new InfraSettings(dataDir, kafkaPort, kafkaControllerPort, mongoPort, s3Port, s3AccessKey, s3SecretKey,
                security);
    }

    public InfraSettings {
        checkPort("kafkaPort", kafkaPort);
        checkPort("kafkaControllerPort", kafkaControllerPort);
        checkPort("mongoPort", mongoPort);
        checkPort("s3Port", s3Port);
        Objects.requireNonNull(s3AccessKey, "s3AccessKey");
        Objects.requireNonNull(s3SecretKey, "s3SecretKey");
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
        }
    }
}
