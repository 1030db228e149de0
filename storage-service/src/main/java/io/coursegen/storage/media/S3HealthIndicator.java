package io.coursegen.storage.media;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * S3 as this service sees it: up when the media bucket exists and answers. A client of its own with short
 * timeouts, so a probe answers in seconds while the service's client waits as long as a large upload needs.
 */
@Component("s3HealthIndicator")
class S3HealthIndicator extends AbstractHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final MinioClient minio;
    private final String bucket;

    S3HealthIndicator(S3Properties properties) {
        super("S3 health check failed");
        this.minio = MinioClient.builder()
                .endpoint(properties.endpoint())
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey())
                .build();
        this.minio.setTimeout(TIMEOUT.toMillis(), TIMEOUT.toMillis(), TIMEOUT.toMillis());
        this.bucket = properties.bucket();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        boolean exists = minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        (exists ? builder.up() : builder.down().withDetail("reason", "bucket missing")).withDetail("bucket", bucket);
    }
}
