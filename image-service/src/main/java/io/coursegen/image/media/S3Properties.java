package io.coursegen.image.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param endpoint the S3 endpoint this service writes to (internal address; storage-service signs URLs for clients)
 * @param secretKey never logged
 * @param region    MinIO ignores it, but the client must not ask the server for it on every call
 * @param storeRetryFor how long a drawn picture keeps being offered to an S3 that cannot be reached
 */
@ConfigurationProperties("coursegen.s3")
record S3Properties(
        @DefaultValue("http://localhost:9000") String endpoint,
        String accessKey,
        String secretKey,
        @DefaultValue("coursegen-media") String bucket,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("60s") Duration storeRetryFor) {

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "S3Properties[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey="
                + (secretKey == null || secretKey.isEmpty() ? "(unset)" : "(set)") + ", bucket=" + bucket
                + ", region=" + region + ", storeRetryFor=" + storeRetryFor + "]";
    }
}
