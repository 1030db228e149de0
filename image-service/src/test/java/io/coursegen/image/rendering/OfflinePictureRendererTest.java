package io.coursegen.image.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coursegen.image.planning.PicturePlan;
import io.coursegen.llm.OfflineModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class OfflinePictureRendererTest {

    private static final PicturePlan PLAN = new PicturePlan("Abstract placeholder for \"qubits\"", "[Offline placeholder] caption",
            "An abstract placeholder.", "Abstract shapes.");

    private final OfflinePictureRenderer renderer = new OfflinePictureRenderer(512, 512, OfflineModel.immediate());

    @Test
    void drawsARealPngOfTheConfiguredSize() throws Exception {
        RenderedPicture picture = renderer.render(PLAN, "flat", "cover");

        assertThat(picture.contentType()).isEqualTo("image/png");
        assertThat(picture.width()).isEqualTo(512);
        assertThat(picture.height()).isEqualTo(512);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(picture.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(512);
        assertThat(decoded.getHeight()).isEqualTo(512);

        RenderedPicture small = new OfflinePictureRenderer(320, 200, OfflineModel.immediate()).render(PLAN, "flat", "cover");
        assertThat(small.width()).isEqualTo(320);
        assertThat(small.height()).isEqualTo(200);
    }

    @Test
    void theSameConceptAndPictureGetTheSameBytes() {
        assertThat(renderer.render(PLAN, "flat", "lesson-01").bytes())
                .isEqualTo(new OfflinePictureRenderer(512, 512, OfflineModel.immediate()).render(PLAN, "flat", "lesson-01").bytes());
    }

    @Test
    void differentPicturesOfACourseLookDifferent() {
        assertThat(renderer.render(PLAN, "flat", "lesson-01").bytes())
                .isNotEqualTo(renderer.render(PLAN, "flat", "lesson-02").bytes());
    }

    @Test
    void reportsItselfAsOffline() {
        assertThat(renderer.model()).isEqualTo("offline");
    }

    @Test
    void refusesUnusableSizes() {
        assertThatThrownBy(() -> new OfflinePictureRenderer(0, 512, OfflineModel.immediate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coursegen.image.offline");
    }
}
