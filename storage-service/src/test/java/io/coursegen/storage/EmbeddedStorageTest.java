package io.coursegen.storage;

import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scenario on embedded infrastructure: a KRaft broker, mongo-java-server (MongoDB wire protocol, in memory)
 * and S3Proxy (S3 protocol, in memory). URLs are signed for {@code localhost} while the service talks to
 * {@code 127.0.0.1}, so the tests prove the public endpoint is the one signed.
 */
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class EmbeddedStorageTest extends StorageScenario {

    private static final String ACCESS_KEY = "storage-test";
    private static final String SECRET_KEY = "storage-test-secret";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        int s3Port = EmbeddedStores.register(registry, ACCESS_KEY, SECRET_KEY);
        // URLs are signed for localhost while the service talks to 127.0.0.1
        registry.add("coursegen.s3.public-endpoint", () -> "http://localhost:" + s3Port);
    }
}
