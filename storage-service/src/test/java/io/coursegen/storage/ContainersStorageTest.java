package io.coursegen.storage;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/** The same scenario against the production images; skipped where there is no Docker. */
@Testcontainers(disabledWithoutDocker = true)
class ContainersStorageTest extends StorageScenario {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");
    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0.4");
    @Container
    static final MinIOContainer MINIO = new MinIOContainer("minio/minio:RELEASE.2025-04-22T22-12-26Z");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("spring.mongodb.uri", () -> MONGO.getReplicaSetUrl("coursegen"));
        registry.add("coursegen.s3.endpoint", MINIO::getS3URL);
        registry.add("coursegen.s3.access-key", MINIO::getUserName);
        registry.add("coursegen.s3.secret-key", MINIO::getPassword);
    }
}
