package io.coursegen.gateway.api;

import io.coursegen.contracts.CourseSpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client's {@code Idempotency-Key} and the digest of the request it came with. The digest is taken of the
 * request after defaults and normalisation, so resending the same course with other whitespace or field order
 * counts as the same request, while any change to what would be generated counts as a different one.
 */
public record IdempotencyKey(String value, String requestHash) {

    static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");

    /** @throws org.springframework.web.ErrorResponseException (400) for a value that cannot be a key */
    public static IdempotencyKey of(String value, CourseSpec spec, JsonMapper json) {
        if (!VISIBLE_ASCII.matcher(value).matches()) {
            throw new InvalidIdempotencyKeyException();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(spec));
            return new IdempotencyKey(value, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
