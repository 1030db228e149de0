package io.coursegen.storage.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page ended: the last course's creation time and id (the id breaks ties between courses created in
 * the same millisecond). Clients get it as opaque base64url text and must not build it themselves.
 */
record PageCursor(Instant createdAt, String courseId) {

    private static final char SEPARATOR = '|';

    String encode() {
        String plain = createdAt.toEpochMilli() + String.valueOf(SEPARATOR) + courseId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException if the text is not a cursor this service made */
    static PageCursor decode(String token) {
        String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        int separator = plain.indexOf(SEPARATOR);
        if (separator <= 0 || separator == plain.length() - 1) {
            throw new IllegalArgumentException("not a cursor");
        }
        long millis = Long.parseLong(plain.substring(0, separator));
        return new PageCursor(Instant.ofEpochMilli(millis), plain.substring(separator + 1));
    }
}
