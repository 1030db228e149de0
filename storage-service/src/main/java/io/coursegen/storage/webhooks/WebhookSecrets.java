package io.coursegen.storage.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Webhook signing secrets as MongoDB keeps them: sealed with AES-256-GCM under a key from the environment
 * ({@code COURSEGEN_WEBHOOKS_SECRET_KEYS}: {@code id:base64-of-32-bytes,older-id:...}), bound to their webhook's id, so
 * a copy of the database (a backup, a dump) signs nothing. The first key seals; every listed key opens, so a key is
 * rotated by putting a new one first: at start-up every secret is sealed again with it (see {@link Webhooks#resealAll}),
 * after which the old one can go. Without keys, webhooks cannot be registered (and none is stored unsealed).
 */
@Component
class WebhookSecrets {

    private static final String SEALED = "v1:";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    WebhookSecrets(WebhookProperties properties) {
        String configured = properties.secretKeys();
        if (configured == null || configured.isBlank()) {
            return;
        }
        String[] entries = configured.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            String id = colon < 0 ? "" : entry.substring(0, colon);
            byte[] key;
            try {
                key = colon < 0 ? new byte[0] : Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (!KEY_ID.matcher(id).matches() || key.length != 32 || keys.containsKey(id)) {
                throw new IllegalArgumentException("coursegen.webhooks.secret-keys entry " + (i + 1) + " is not"
                        + " id:base64 of 32 random bytes with an id of its own (e.g. k1:$(openssl rand -base64 32))");
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        }
    }

    boolean configured() {
        return !keys.isEmpty();
    }

    /** The secret as stored: sealed with the first key, for this webhook only. */
    String seal(String webhookId, String secret) {
        Map.Entry<String, SecretKey> current = keys.entrySet().iterator().next();
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, current.getValue(), iv, webhookId,
                secret.getBytes(StandardCharsets.UTF_8));
        Base64.Encoder base64 = Base64.getEncoder();
        return SEALED + current.getKey() + ":" + base64.encodeToString(iv) + ":" + base64.encodeToString(sealed);
    }

    /** The secret a stored value holds; one stored before sealing existed is returned as it is. */
    String open(String webhookId, String stored) {
        if (!stored.startsWith(SEALED)) {
            return stored;
        }
        String[] parts = stored.split(":");
        SecretKey key = parts.length == 4 ? keys.get(parts[1]) : null;
        if (key == null) {
            throw new IllegalStateException("Webhook " + webhookId + "'s secret is sealed with key '"
                    + (parts.length > 1 ? parts[1] : "?") + "', which coursegen.webhooks.secret-keys no longer lists");
        }
        Base64.Decoder base64 = Base64.getDecoder();
        return new String(crypt(Cipher.DECRYPT_MODE, key, base64.decode(parts[2]), webhookId, base64.decode(parts[3])),
                StandardCharsets.UTF_8);
    }

    /** Whether the stored value is sealed with the first key (otherwise it is sealed again at start-up). */
    boolean sealedWithCurrentKey(String stored) {
        return stored.startsWith(SEALED + keys.keySet().iterator().next() + ":");
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] iv, String webhookId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            // bound to its webhook: a sealed secret copied onto another webhook does not open
            cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open")
                    + " a webhook secret: " + e.getClass().getSimpleName(), e);
        }
    }
}
