package io.coursegen.image.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coursegen.testkit.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class RenderedPictureTest {

    @Test
    void recognisesPngByItsSignatureAndReadsItsSize() {
        RenderedPicture picture = RenderedPicture.from(TestImages.png(64, 48));

        assertThat(picture.contentType()).isEqualTo("image/png");
        assertThat(picture.width()).isEqualTo(64);
        assertThat(picture.height()).isEqualTo(48);
    }

    @Test
    void recognisesJpegByItsSignatureAndReadsItsSize() throws Exception {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB), "jpg", jpeg);

        RenderedPicture picture = RenderedPicture.from(jpeg.toByteArray());

        assertThat(picture.contentType()).isEqualTo("image/jpeg");
        assertThat(picture.width()).isEqualTo(30);
        assertThat(picture.height()).isEqualTo(20);
    }

    @Test
    void detectsFormatsByMagicBytesOnly() {
        assertThat(PictureFormat.detect(TestImages.png(2, 2))).contains(PictureFormat.PNG);
        assertThat(PictureFormat.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0})).contains(PictureFormat.JPEG);
        assertThat(PictureFormat.detect(webpHeader())).contains(PictureFormat.WEBP);
        assertThat(PictureFormat.detect("RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(PictureFormat.detect("<html>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(PictureFormat.detect(new byte[0])).isEmpty();
    }

    @Test
    void saysClearlyWhenAWebpPictureCannotBeDecodedHere() {
        assertThatThrownBy(() -> RenderedPicture.from(webpHeader()))
                .isInstanceOf(UnreadablePictureException.class)
                .hasMessageContaining("WebP")
                .hasMessageContaining("PNG or JPEG");
    }

    @Test
    void rejectsBytesThatAreNotAPicture() {
        assertThatThrownBy(() -> RenderedPicture.from("{\"error\":\"nope\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadablePictureException.class)
                .hasMessageContaining("not a PNG, JPEG or WebP picture")
                .hasMessageContaining("7b 22 65 72");
        assertThatThrownBy(() -> RenderedPicture.from(new byte[0]))
                .isInstanceOf(UnreadablePictureException.class)
                .hasMessageContaining("starting with nothing");
    }

    @Test
    void rejectsATruncatedPicture() {
        byte[] png = TestImages.png(64, 48);

        assertThatThrownBy(() -> RenderedPicture.from(Arrays.copyOf(png, png.length / 2)))
                .isInstanceOf(UnreadablePictureException.class)
                .hasMessageContaining("cannot be decoded");
    }

    @Test
    void rejectsPicturesTooLargeToDecodeSafelyBeforeDecodingThem() {
        assertThatThrownBy(() -> RenderedPicture.from(TestImages.png(RenderedPicture.MAX_SIDE + 1, 1)))
                .isInstanceOf(UnreadablePictureException.class)
                .hasMessageContaining("8193x1 pixels");
    }

    @Test
    void neverPrintsItsBytes() {
        assertThat(RenderedPicture.from(TestImages.png(4, 3))).hasToString(
                "RenderedPicture[image/png, 4x3, " + TestImages.png(4, 3).length + " bytes]");
    }

    private static byte[] webpHeader() {
        byte[] bytes = new byte[30];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 8);
        return bytes;
    }
}
