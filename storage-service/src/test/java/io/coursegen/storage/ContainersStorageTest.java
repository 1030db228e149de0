package io.coursegen.storage;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same scenario against the images docker-compose.yml runs (Apache Kafka, MongoDB, SeaweedFS's S3 server), with
 * the same tags; skipped where there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersStorageTest extends StorageScenario {

    private static final String S3_ACCESS_KEY = "coursegen";
    private static final String S3_SECRET_KEY = "coursegen-secret";
    private static final int S3_PORT = 8333;

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");
    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0.32");
    /** Started as docker-compose.yml starts it: the admin identity from the environment, /healthz once serving. */
    @Container
    static final GenericContainer<?> S3 = new GenericContainer<>("chrislusf/seaweedfs:4.48")
            .withEnv("AWS_ACCESS_KEY_ID", S3_ACCESS_KEY)
            .withEnv("AWS_SECRET_ACCESS_KEY", S3_SECRET_KEY)
            .withCommand("mini", "-dir=/data", "-master.telemetry=false", "-webdav=false", "-admin.ui=false")
            .withExposedPorts(S3_PORT)
            .waitingFor(Wait.forHttp("/healthz").forPort(S3_PORT));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("spring.mongodb.uri", () -> MONGO.getReplicaSetUrl("coursegen"));
        registry.add("coursegen.s3.endpoint", () -> "http://" + S3.getHost() + ":" + S3.getMappedPort(S3_PORT));
        registry.add("coursegen.s3.access-key", () -> S3_ACCESS_KEY);
        registry.add("coursegen.s3.secret-key", () -> S3_SECRET_KEY);
    }
}
