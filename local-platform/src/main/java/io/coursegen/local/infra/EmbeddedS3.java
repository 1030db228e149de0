package io.coursegen.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 server (S3Proxy) that keeps buckets as subdirectories of a directory, or in memory. {@link #stop()} takes
 * it off the network but keeps the blobs, and a later {@link #start()} serves them on the same port again;
 * {@link #close()} also closes the store.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3.class);
    private static final String HOST = "127.0.0.1";

    private final Path dataDir;
    private final int requestedPort;
    private final String accessKey;
    private final String secretKey;
    private S3Proxy proxy;
    private BlobStore blobStore;
    /** The port of the first start, 0 before it. */
    private int port;

    /**
     * @param dataDir   directory holding one subdirectory per bucket, or {@code null} to keep everything in memory
     * @param port      port to listen on, 0 for any free port
     * @param accessKey access key that clients must sign with (AWS signature V2 or V4)
     * @param secretKey the matching secret key
     */
    public EmbeddedS3(Path dataDir, int port, String accessKey, String secretKey) {
        this.dataDir = dataDir;
        this.requestedPort = port;
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
    }

    public void start() {
        if (proxy != null) {
            throw new IllegalStateException("S3 is already running");
        }
        boolean newStore = blobStore == null;
        BlobStore store = newStore
                ? dataDir == null ? new TransientNio2BlobStore() : new FilesystemNio2BlobStore(existingDataDir())
                : blobStore;
        int listenOn = port != 0 ? port : requestedPort;
        S3Proxy s3Proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://" + HOST + ":" + listenOn))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            s3Proxy.start();
        } catch (Exception e) {
            if (newStore) {
                store.close();
            }
            throw new IllegalStateException("Could not start S3 on port " + listenOn, e);
        }
        proxy = s3Proxy;
        blobStore = store;
        port = proxy.getPort();
        log.info("S3 is listening on {} with its data {}", endpoint(), dataDir == null ? "in memory" : "in " + dataDir);
    }

    /** The S3 endpoint URL, e.g. {@code http://127.0.0.1:9000}; also while stopped after a start. */
    public String endpoint() {
        if (port == 0) {
            throw new IllegalStateException("S3 has not been started");
        }
        return "http://" + HOST + ":" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Stops serving; the blobs stay for the next {@link #start()}. */
    public void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop S3", e);
        } finally {
            proxy = null;
        }
        log.info("S3 stopped listening");
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (blobStore != null) {
                blobStore.close();
                blobStore = null;
                log.info("S3 stopped");
            }
        }
    }

    private String existingDataDir() {
        // the filesystem store refuses a base directory that does not exist
        try {
            return Files.createDirectories(dataDir).toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the S3 data directory " + dataDir, e);
        }
    }
}
