package io.coursegen.image.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentAddressTest {

    /** SHA-256 of "abc" (FIPS 180-2 test vector). */
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theKeyIsTheLowerCaseHexSha256WithTheFormatsExtension() {
        assertThat(ContentAddress.of(ABC, "image/png")).isEqualTo(new ContentAddress("images/" + ABC_SHA256 + ".png", ABC_SHA256, 3));
        assertThat(ContentAddress.of(ABC, "image/jpeg").key()).isEqualTo("images/" + ABC_SHA256 + ".jpg");
        assertThat(ContentAddress.of(ABC, "image/webp").key()).isEqualTo("images/" + ABC_SHA256 + ".webp");
    }

    @Test
    void theSameBytesAlwaysGetTheSameKeyAndDifferentBytesAnother() {
        assertThat(ContentAddress.of(ABC, "image/png")).isEqualTo(ContentAddress.of("abc".getBytes(StandardCharsets.US_ASCII), "image/png"));
        assertThat(ContentAddress.of("abd".getBytes(StandardCharsets.US_ASCII), "image/png").key())
                .isNotEqualTo(ContentAddress.of(ABC, "image/png").key());
    }

    @Test
    void storesOnlyPictures() {
        assertThatThrownBy(() -> ContentAddress.of(ABC, "text/html")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text/html");
    }
}
