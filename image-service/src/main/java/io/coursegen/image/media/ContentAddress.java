package io.coursegen.image.media;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where a picture is stored, derived from its bytes alone.
 *
 * @param key     {@code images/<sha256 hex>.<png|jpg|webp>}
 * @param sha256  lower-case hex SHA-256 of the bytes
 * @param byteSize number of bytes
 */
public record ContentAddress(String key, String sha256, long byteSize) {

    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/png", "png",
            "image/jpeg", "jpg",
            "image/webp", "webp");

    static ContentAddress of(byte[] bytes, String contentType) {
        String extension = EXTENSIONS.get(contentType);
        if (extension == null) {
            throw new IllegalArgumentException("Only PNG, JPEG and WebP pictures are stored, not " + contentType);
        }
        String sha256 = sha256(bytes);
        return new ContentAddress("images/" + sha256 + "." + extension, sha256, bytes.length);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
