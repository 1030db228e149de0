package io.coursegen.storage.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param endpoint       where this service reaches S3 (MinIO, S3Proxy)
 * @param publicEndpoint where clients reach the same S3; presigned URLs are signed for it (the host is part of
 *                       the signature). Blank means the same as {@code endpoint}
 * @param urlExpiry      lifetime of a presigned URL, at most 7 days (the S3 limit)
 */
@ConfigurationProperties("coursegen.s3")
public record S3Properties(
        @DefaultValue("http://localhost:9000") String endpoint,
        String publicEndpoint,
        @DefaultValue("coursegen") String accessKey,
        @DefaultValue("coursegen-secret") String secretKey,
        @DefaultValue("coursegen-media") String bucket,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("10m") Duration urlExpiry) {

    private static final Duration MAX_URL_EXPIRY = Duration.ofDays(7);

    public S3Properties {
        if (publicEndpoint == null || publicEndpoint.isBlank()) {
            publicEndpoint = endpoint;
        }
        if (urlExpiry.isNegative() || urlExpiry.toSeconds() < 1 || urlExpiry.compareTo(MAX_URL_EXPIRY) > 0) {
            throw new IllegalArgumentException("coursegen.s3.url-expiry must be between 1s and 7d, was " + urlExpiry);
        }
    }

    @Override
    public String toString() {
        return "S3Properties[endpoint=" + endpoint + ", publicEndpoint=" + publicEndpoint + ", accessKey=" + accessKey
                + ", secretKey=***, bucket=" + bucket + ", region=" + region + ", urlExpiry=" + urlExpiry + "]";
    }
}
