package io.coursegen.image;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/** One in-memory S3 server (S3Proxy, with signature checks) for every test in this JVM, started on first use. */
public final class EmbeddedS3 {

    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret-key";

    private EmbeddedS3() {
    }

    public static String endpoint() {
        return "http://127.0.0.1:" + Server.PROXY.getPort();
    }

    /** Holder idiom: started once, when a test first asks for the endpoint; the JVM's exit ends it. */
    private static final class Server {
        private static final S3Proxy PROXY = start();

        private static S3Proxy start() {
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            try {
                proxy.start();
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not start", e);
            }
            return proxy;
        }
    }
}
