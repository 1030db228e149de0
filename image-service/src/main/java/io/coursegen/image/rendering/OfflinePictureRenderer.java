package io.coursegen.image.rendering;

import io.coursegen.image.planning.PicturePlan;
import io.coursegen.llm.LlmProvider;
import io.coursegen.llm.OfflineModel;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws a real PNG of abstract shapes without any model: colours and shapes are seeded from the visual
 * concept and the picture's id, so the same request always gives the same bytes and different pictures
 * of a course look different. No text is drawn, so no fonts are needed on a headless server. Drawn as an
 * {@link OfflineModel} image call: simulated latency, capacity limits and a span.
 */
class OfflinePictureRenderer implements PictureRenderer {

    private final int width;
    private final int height;
    private final OfflineModel model;

    OfflinePictureRenderer(int width, int height, OfflineModel model) {
        if (width < 1 || height < 1 || width > RenderedPicture.MAX_SIDE || height > RenderedPicture.MAX_SIDE) {
            throw new IllegalArgumentException("coursegen.image.offline width and height must be between 1 and "
                    + RenderedPicture.MAX_SIDE + ", not " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.model = model;
    }

    @Override
    public RenderedPicture render(PicturePlan plan, String imageStyle, String imageId) {
        return model.image(() -> draw(plan, imageId));
    }

    private RenderedPicture draw(PicturePlan plan, String imageId) {
        SplittableRandom random = new SplittableRandom(seed(plan.visualConcept(), imageId));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float hue = (float) random.nextDouble();
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.35f, 0.95f),
                    width, height, Color.getHSBColor(hue + 0.12f, 0.55f, 0.70f)));
            g.fillRect(0, 0, width, height);
            int shapes = 6 + random.nextInt(7);
            for (int i = 0; i < shapes; i++) {
                drawShape(g, random, hue);
            }
        } finally {
            g.dispose();
        }
        return RenderedPicture.from(png(image));
    }

    @Override
    public String model() {
        return LlmProvider.OFFLINE.id();
    }

    private void drawShape(Graphics2D g, SplittableRandom random, float hue) {
        // analogous and complementary hues keep the placeholder calm rather than noisy
        float shapeHue = hue + (random.nextBoolean() ? 0.5f : 0f) + (float) (random.nextDouble() * 0.16 - 0.08);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.45f + (float) random.nextDouble() * 0.4f));
        g.setColor(Color.getHSBColor(shapeHue, 0.45f + (float) random.nextDouble() * 0.4f,
                0.55f + (float) random.nextDouble() * 0.4f));
        int size = Math.max(2, (int) (Math.min(width, height) * (0.12 + random.nextDouble() * 0.38)));
        int x = random.nextInt(-size / 3, width - size / 3 * 2 + 1);
        int y = random.nextInt(-size / 3, height - size / 3 * 2 + 1);
        switch (random.nextInt(3)) {
            case 0 -> g.fill(new Ellipse2D.Double(x, y, size, size));
            case 1 -> g.fill(new RoundRectangle2D.Double(x, y, size, size * (0.5 + random.nextDouble()),
                    size / 5.0, size / 5.0));
            default -> g.fill(new Polygon(
                    new int[] {x + size / 2, x + size, x},
                    new int[] {y, y + size, y + size}, 3));
        }
    }

    private static long seed(String concept, String imageId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((concept + '\n' + imageId).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // memory-cached stream: ImageIO's default file cache would write every picture to the temp directory
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IllegalStateException("This JVM has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
