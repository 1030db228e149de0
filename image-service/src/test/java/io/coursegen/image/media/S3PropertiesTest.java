package io.coursegen.image.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class S3PropertiesTest {

    @Test
    void neverPrintsTheSecretKey() {
        S3Properties properties = new S3Properties("http://minio:9000", "coursegen", "s3cr3t-value", "coursegen-media", "us-east-1", Duration.ofSeconds(60));

        assertThat(properties.toString()).doesNotContain("s3cr3t-value").contains("secretKey=(set)", "http://minio:9000");
    }
}
