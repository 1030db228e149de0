package io.coursegen.storage.media;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MediaConfiguration.class);
    /** What S3 answers when another service (image-service) created the bucket between our check and our create. */
    private static final Set<String> ALREADY_THERE = Set.of("BucketAlreadyOwnedByYou", "BucketAlreadyExists");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    MinioClient minioClient(S3Properties properties) {
        MinioClient client = MinioClient.builder()
                .endpoint(properties.endpoint())
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey())
                .build();
        client.setTimeout(CONNECT_TIMEOUT.toMillis(), CALL_TIMEOUT.toMillis(), CALL_TIMEOUT.toMillis());
        return client;
    }

    @Bean
    MediaUrls mediaUrls(S3Properties properties) {
        return new MediaUrls(properties);
    }

    /**
     * Makes the bucket if it is missing. Reads only sign URLs, which works without S3, so an unreachable S3 is
     * logged rather than stopping the service; image-service creates the bucket too before writing.
     */
    @Bean
    ApplicationRunner mediaBucket(MinioClient minio, S3Properties properties) {
        return args -> {
            String bucket = properties.bucket();
            try {
                if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                    minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                    log.info("Created bucket {} at {}", bucket, properties.endpoint());
                }
            } catch (ErrorResponseException e) {
                if (!ALREADY_THERE.contains(e.errorResponse().code())) {
                    log.warn("Could not check or create bucket {} at {}: {}", bucket, properties.endpoint(),
                            e.getMessage());
                }
            } catch (Exception e) {
                log.warn("Could not check or create bucket {} at {}: {}", bucket, properties.endpoint(),
                        e.toString());
            }
        };
    }
}
