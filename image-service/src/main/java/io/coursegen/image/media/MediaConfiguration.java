package io.coursegen.image.media;

import io.minio.MinioClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(S3Properties.class)
class MediaConfiguration {

    @Bean
    MinioClient minioClient(S3Properties properties) {
        return MinioClient.builder()
                .endpoint(properties.endpoint())
                .credentials(properties.accessKey(), properties.secretKey())
                .region(properties.region())
                .build();
    }

    @Bean
    MediaStore mediaStore(MinioClient minio, S3Properties properties) {
        return new MediaStore(minio, properties.bucket(), properties.storeRetryFor());
    }
}
