package io.coursegen.gateway.admin;

import java.security.SecureRandom;
import java.util.Base64;

/** API keys as the admin API makes them: 256 random bits, base64url without padding (43 characters). */
final class NewKeys {

    private static final int BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    String next() {
        byte[] key = new byte[BYTES];
        random.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
