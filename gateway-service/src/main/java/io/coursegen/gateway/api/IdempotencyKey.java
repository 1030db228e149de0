package io.coursegen.gateway.api;

import io.coursegen.contracts.CourseSpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(hashed(spec, json)));
            return new IdempotencyKey(value, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /**
     * The spec as hashed: without {@code review} when it asks for none, so a key claimed by a gateway from before
     * reviews (its hash stays 24 hours) still matches a retry of the same request through this one.
     */
    private static JsonNode hashed(CourseSpec spec, JsonMapper json) {
        ObjectNode tree = json.valueToTree(spec);
        if (!spec.reviewsOutline()) {
            tree.remove("review");
        }
        return tree;
    }
}
