package io.coursegen.image.media;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Stores pictures in the media bucket under their content address. The bucket is made at startup, before
 * any listener runs; storage-service may make it at the same moment, which is fine.
 */
public class MediaStore implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(MediaStore.class);

    /** What S3 servers answer when the bucket was created by us or by someone else in the meantime. */
    private static final Set<String> BUCKET_ALREADY_THERE = Set.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists");

    private final MinioClient minio;
    private final String bucket;

    MediaStore(MinioClient minio, String bucket) {
        this.minio = minio;
        this.bucket = bucket;
    }

    @Override
    public void afterPropertiesSet() {
        ensureBucket();
    }

    /** Makes the bucket unless it exists; safe to call again and concurrently with other services. */
    void ensureBucket() {
        try {
            if (minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                return;
            }
            minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            log.info("Created media bucket {}", bucket);
        } catch (ErrorResponseException e) {
            if (!BUCKET_ALREADY_THERE.contains(e.errorResponse().code())) {
                throw new IllegalStateException("Cannot create media bucket " + bucket + ": " + e.getMessage(), e);
            }
        } catch (IOException | GeneralSecurityException | MinioException e) {
            throw new IllegalStateException("Cannot reach object storage to check media bucket " + bucket
                    + " (coursegen.s3.endpoint): " + e.getMessage(), e);
        }
    }

    /**
     * Stores the bytes at their content address, unless an object is already there (then it is the same
     * picture, so storing it again is skipped).
     */
    public ContentAddress store(byte[] bytes, String contentType) {
        ContentAddress address = ContentAddress.of(bytes, contentType);
        try {
            if (exists(address.key())) {
                log.debug("Picture {} is already stored", address.key());
                return address;
            }
            minio.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(address.key())
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                    .contentType(contentType)
                    .build());
            return address;
        } catch (IOException e) {
            throw new UncheckedIOException("Storing picture " + address.key() + " failed: " + e.getMessage(), e);
        } catch (GeneralSecurityException | MinioException e) {
            throw new IllegalStateException("Storing picture " + address.key() + " failed: " + e.getMessage(), e);
        }
    }

    private boolean exists(String key) throws IOException, GeneralSecurityException, MinioException {
        try {
            minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if (e.response() != null && e.response().code() == 404) {
                return false;
            }
            throw e;
        }
    }
}
