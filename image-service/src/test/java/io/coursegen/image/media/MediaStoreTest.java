package io.coursegen.image.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coursegen.image.EmbeddedS3;
import io.coursegen.testkit.TestImages;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.Test;

/** Against S3Proxy through the real MinIO client. */
class MediaStoreTest {

    private final MinioClient minio = MinioClient.builder()
            .endpoint(EmbeddedS3.endpoint())
            .credentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)
            .region("us-east-1")
            .build();
    private final String bucket = "media-" + UUID.randomUUID();
    private final MediaStore store = new MediaStore(minio, bucket, Duration.ofSeconds(1));

    @Test
    void makesTheBucketOnceAndToleratesItExistingAlready() throws Exception {
        store.ensureBucket();
        store.ensureBucket();
        new MediaStore(minio, bucket, Duration.ofSeconds(1)).afterPropertiesSet();

        assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();
    }

    @Test
    void storesThePictureAtItsContentAddressWithItsContentType() throws Exception {
        store.ensureBucket();
        byte[] png = TestImages.png(10, 10);

        ContentAddress address = store.store(png, "image/png");

        assertThat(address).isEqualTo(ContentAddress.of(png, "image/png"));
        assertThat(minio.statObject(StatObjectArgs.builder().bucket(bucket).object(address.key()).build()).contentType())
                .isEqualTo("image/png");
        assertThat(read(address.key())).isEqualTo(png);
    }

    @Test
    void storingTheSamePictureAgainSkipsTheUpload() throws Exception {
        store.ensureBucket();
        byte[] png = TestImages.png(12, 12);
        ContentAddress address = store.store(png, "image/png");
        // a marker at the key shows whether a second store uploads again
        byte[] marker = {1, 2, 3};
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(address.key())
                .stream(new ByteArrayInputStream(marker), marker.length, -1).build());

        assertThat(store.store(png, "image/png")).isEqualTo(address);
        assertThat(read(address.key())).isEqualTo(marker);
    }

    private byte[] read(String key) throws Exception {
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        }
    }

    @Test
    void aPictureIsStoredOnceS3ComesBackWithinTheRetryTime() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        MinioClient unreachable = MinioClient.builder()
                .endpoint("http://127.0.0.1:" + port)
                .credentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)
                .region("us-east-1")
                .build();
        MediaStore patient = new MediaStore(unreachable, "media-outage", Duration.ofSeconds(30));
        byte[] png = TestImages.png(14, 14);
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        S3Proxy[] returning = new S3Proxy[1];
        try {
            // S3 is down when the picture is stored, and back two seconds later
            later.schedule(() -> {
                returning[0] = S3Proxy.builder()
                        .blobStore(new TransientNio2BlobStore())
                        .endpoint(URI.create("http://127.0.0.1:" + port))
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)
                        .build();
                returning[0].start();
                patient.ensureBucket();
                return null;
            }, 2, TimeUnit.SECONDS);

            ContentAddress address = patient.store(png, "image/png");

            assertThat(unreachable.getObject(GetObjectArgs.builder().bucket("media-outage").object(address.key()).build())
                    .readAllBytes()).isEqualTo(png);
        } finally {
            later.shutdownNow();
            if (returning[0] != null) {
                returning[0].stop();
            }
        }
    }

    @Test
    void whenS3StaysAwayBeyondTheRetryTimeTheStoreFails() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        MinioClient unreachable = MinioClient.builder().endpoint("http://127.0.0.1:" + port)
                .credentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY).region("us-east-1").build();

        assertThatThrownBy(() -> new MediaStore(unreachable, "media-gone", Duration.ofSeconds(1))
                .store(TestImages.png(8, 8), "image/png")).isInstanceOf(UncheckedIOException.class);
    }
}
