package io.coursegen.storage.media;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;

/**
 * Presigned GET URLs for stored pictures, signed with a client built for the public endpoint so the signed host
 * is the one a browser will call. With the region configured, signing is local computation (no request to S3),
 * but the MinIO client is a blocking API, so reactive callers run it on a bounded-elastic thread.
 */
public class MediaUrls {

    private final MinioClient publicClient;
    private final String bucket;
    private final int expirySeconds;

    MediaUrls(S3Properties properties) {
        this.publicClient = MinioClient.builder()
                .endpoint(properties.publicEndpoint())
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey())
                .build();
        this.bucket = properties.bucket();
        this.expirySeconds = (int) properties.urlExpiry().toSeconds();
    }

    public String presignedGet(String objectKey) {
        try {
            return publicClient.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET)
                    .bucket(bucket)
                    .object(objectKey)
                    .expiry(expirySeconds)
                    .build());
        } catch (Exception e) {
            throw new IllegalStateException("Could not sign a URL for " + objectKey, e);
        }
    }
}
