package io.coursegen.storage;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The stores storage-service needs, embedded and in memory: mongo-java-server (MongoDB wire protocol) and S3Proxy (S3
 * protocol), each on a free port, registered as the service's addresses and S3 credentials. Both live as long as the
 * Spring context that asked for them is cached, which is until the test JVM exits.
 */
public final class EmbeddedStores {

    private EmbeddedStores() {
    }

    /** Starts both stores and registers their addresses; returns S3's port (to sign URLs for another host name). */
    public static int register(DynamicPropertyRegistry registry, String accessKey, String secretKey) throws Exception {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        S3Proxy s3 = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        s3.start();
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/coursegen");
        registry.add("coursegen.s3.endpoint", () -> "http://127.0.0.1:" + s3.getPort());
        registry.add("coursegen.s3.access-key", () -> accessKey);
        registry.add("coursegen.s3.secret-key", () -> secretKey);
        return s3.getPort();
    }
}
