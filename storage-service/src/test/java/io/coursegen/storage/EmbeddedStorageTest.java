package io.coursegen.storage;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
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
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        S3Proxy s3 = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        s3.start();
        // both live as long as the cached Spring context, which is until the test JVM exits
        registry.add("spring.mongodb.uri",
                () -> "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/coursegen");
        registry.add("coursegen.s3.endpoint", () -> "http://127.0.0.1:" + s3.getPort());
        registry.add("coursegen.s3.public-endpoint", () -> "http://localhost:" + s3.getPort());
        registry.add("coursegen.s3.access-key", () -> ACCESS_KEY);
        registry.add("coursegen.s3.secret-key", () -> SECRET_KEY);
    }
}
