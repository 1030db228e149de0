package io.coursegen.image.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.image.EmbeddedS3;
import io.coursegen.testkit.TestImages;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against S3Proxy through the real MinIO client. */
class MediaStoreTest {

    private final MinioClient minio = MinioClient.builder()
            .endpoint(EmbeddedS3.endpoint())
            .credentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)
            .region("us-east-1")
            .build();
    private final String bucket = "media-" + UUID.randomUUID();
    private final MediaStore store = new MediaStore(minio, bucket);

    @Test
    void makesTheBucketOnceAndToleratesItExistingAlready() throws Exception {
        store.ensureBucket();
        store.ensureBucket();
        new MediaStore(minio, bucket).afterPropertiesSet();

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
}
