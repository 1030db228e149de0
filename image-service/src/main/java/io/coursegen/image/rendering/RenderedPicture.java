package io.coursegen.image.rendering;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** A decodable picture: its encoded bytes, what they are, and its size in pixels. */
public record RenderedPicture(byte[] bytes, String contentType, int width, int height) {

    /** Larger sides are rejected before decoding, so a tiny file cannot expand into gigabytes of pixels. */
    static final int MAX_SIDE = 8192;

    /**
     * Identifies the bytes by their magic number and decodes them completely.
     *
     * @throws UnreadablePictureException when they are not a PNG, JPEG or WebP picture that decodes
     */
    public static RenderedPicture from(byte[] bytes) {
        PictureFormat format = PictureFormat.detect(bytes).orElseThrow(() -> new UnreadablePictureException(
                "The image model's answer is not a PNG, JPEG or WebP picture (" + bytes.length
                        + " bytes, starting with " + leadingHex(bytes) + ")"));
        // memory-cached stream: ImageIO's default file cache would write every picture to the temp directory
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadablePictureException(format == PictureFormat.WEBP
                        ? "The picture is WebP, which this JVM cannot decode (no ImageIO WebP reader); "
                                + "configure the image model to answer with PNG or JPEG"
                        : "No decoder for the " + format.contentType() + " picture");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
                    throw new UnreadablePictureException("The picture is " + width + "x" + height
                            + " pixels; each side must be between 1 and " + MAX_SIDE);
                }
                BufferedImage decoded = reader.read(0);
                return new RenderedPicture(bytes, format.contentType(), decoded.getWidth(), decoded.getHeight());
            } finally {
                reader.dispose();
            }
        } catch (UnreadablePictureException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnreadablePictureException("The " + format.contentType() + " picture (" + bytes.length
                    + " bytes) cannot be decoded: " + e.getMessage(), e);
        }
    }

    private static String leadingHex(byte[] bytes) {
        return bytes.length == 0 ? "nothing" : HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(8, bytes.length));
    }

    /** Records compare arrays by identity; pictures are equal when their bytes are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof RenderedPicture that && Arrays.equals(bytes, that.bytes)
                && contentType.equals(that.contentType) && width == that.width && height == that.height;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Never prints the bytes. */
    @Override
    public String toString() {
        return "RenderedPicture[" + contentType + ", " + width + "x" + height + ", " + bytes.length + " bytes]";
    }
}
