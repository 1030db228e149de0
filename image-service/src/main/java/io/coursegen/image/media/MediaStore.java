package io.coursegen.image.media;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.MinioException;
import io.minio.errors.ServerException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
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
    /** S3 error codes that say "not now" rather than "never": worth offering the picture again. */
    private static final Set<String> SERVER_TROUBLE = Set.of("InternalError", "ServiceUnavailable", "SlowDown",
            "RequestTimeout");

    /** Waits between tries while S3 cannot be reached: 0.5 s, doubling, at most 5 s apart. */
    private static final IntervalFunction BACK_OFF = IntervalFunction.ofExponentialBackoff(Duration.ofMillis(500), 2.0,
            Duration.ofSeconds(5));

    private final MinioClient minio;
    private final String bucket;
    private final Duration retryFor;

    /**
     * @param retryFor how long a picture already drawn keeps being offered to an S3 that cannot be reached, before
     *                 the failure goes to Kafka's redelivery (which would plan and draw the picture again)
     */
    MediaStore(MinioClient minio, String bucket, Duration retryFor) {
        this.minio = minio;
        this.bucket = bucket;
        this.retryFor = retryFor;
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
        long deadline = System.nanoTime() + retryFor.toNanos();
        Retry retry = Retry.of("s3-store", RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(BACK_OFF)
                .retryOnException(failure -> failure instanceof UncheckedIOException && System.nanoTime() < deadline)
                .build());
        retry.getEventPublisher().onRetry(event -> log.warn("Storing a picture failed ({}), try {} in {} ms",
                event.getLastThrowable().getMessage(), event.getNumberOfRetryAttempts() + 1,
                event.getWaitInterval().toMillis()));
        return Retry.decorateSupplier(retry, () -> storeOnce(bytes, contentType)).get();
    }

    private ContentAddress storeOnce(byte[] bytes, String contentType) {
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
        } catch (ServerException | InvalidResponseException e) {
            // S3 answered, but not as a working S3 does (a 5xx, or not S3's XML while it starts or stops)
            throw new UncheckedIOException("Storing picture " + address.key() + " failed: " + e.getMessage(),
                    new IOException(e));
        } catch (ErrorResponseException e) {
            if (SERVER_TROUBLE.contains(e.errorResponse().code())) {
                throw new UncheckedIOException("Storing picture " + address.key() + " failed: " + e.getMessage(),
                        new IOException(e));
            }
            throw new IllegalStateException("Storing picture " + address.key() + " failed: " + e.getMessage(), e);
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
