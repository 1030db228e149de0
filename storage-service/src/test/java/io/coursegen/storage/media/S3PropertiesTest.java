package io.coursegen.storage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class S3PropertiesTest {

    @Test
    void theSecretNeverAppearsInLogs() {
        S3Properties properties = properties("", Duration.ofMinutes(10));

        assertThat(properties.toString()).doesNotContain("top-secret").contains("secretKey=***");
    }

    @Test
    void aBlankPublicEndpointMeansTheInternalOne() {
        assertThat(properties(" ", Duration.ofMinutes(10)).publicEndpoint()).isEqualTo("http://minio:9000");
        assertThat(properties("https://media.example.com", Duration.ofMinutes(10)).publicEndpoint())
                .isEqualTo("https://media.example.com");
    }

    @Test
    void urlExpiryMustBeWhatS3Accepts() {
        assertThatThrownBy(() -> properties(null, Duration.ofDays(8))).hasMessageContaining("url-expiry");
        assertThatThrownBy(() -> properties(null, Duration.ZERO)).hasMessageContaining("url-expiry");
    }

    private static S3Properties properties(String publicEndpoint, Duration expiry) {
        return new S3Properties("http://minio:9000", publicEndpoint, "coursegen", "top-secret", "coursegen-media",
                "us-east-1", expiry);
    }
}
