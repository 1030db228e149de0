package io.coursegen.contracts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The proof that a request to storage-service's HTTP API comes from a gateway, which has authenticated the tenant it
 * names: an HMAC-SHA256, keyed with the secret only gateways and storage know ({@code COURSEGEN_INTERNAL_SECRET}),
 * over the tenant, the method, the path and an expiry {@link #VALIDITY} ahead. Storage answers 401 to a request
 * without a valid proof, so reaching port 8084 is not enough to act as a tenant, and a proof seen on the wire
 * works only for that request's method and path, for a minute.
 * <p>
 * Header value: {@code v1:<expiry, epoch seconds>:<signature, base64url>}.
 */
public final class GatewayProof {

    /** Carries the proof. */
    public static final String HEADER = "X-Coursegen-Gateway-Proof";
    /** The tenant the gateway authenticated; covered by the proof. */
    public static final String TENANT_HEADER = "X-Coursegen-Tenant";
    /**
     * The pseudo-tenant a gateway names on tenant-administration calls. No tenant can be called so (tenant ids start
     * with a letter or digit), so a tenant's proof never opens an admin path and an admin's never a tenant's courses.
     */
    public static final String ADMIN_TENANT = "_admin";
    /** How long a proof is accepted; also the clock skew tolerated between gateway and storage hosts. */
    public static final Duration VALIDITY = Duration.ofSeconds(60);
    /** 256 bits as hex or base64 are 43-64 characters; shorter secrets are refused. */
    public static final int MINIMUM_SECRET_LENGTH = 32;

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** @throws IllegalArgumentException for a missing or short secret, naming the variable to set */
    public GatewayProof(String secret) {
        if (secret == null || secret.strip().length() < MINIMUM_SECRET_LENGTH) {
            throw new IllegalArgumentException("COURSEGEN_INTERNAL_SECRET (coursegen.internal.secret) must be set to the"
                    + " same random value of at least " + MINIMUM_SECRET_LENGTH + " characters on every gateway and"
                    + " storage instance, e.g. openssl rand -hex 32");
        }
        this.key = new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The header value for one request. {@code tenant} is empty for requests on no tenant's behalf. */
    public String sign(String tenant, String method, String path, Instant now) {
        long expires = now.plus(VALIDITY).getEpochSecond();
        return VERSION + ":" + expires + ":" + signature(tenant, method, path, expires);
    }

    /** Whether {@code proof} was made with this secret for exactly this request, and has not expired. */
    public boolean verify(String proof, String tenant, String method, String path, Instant now) {
        if (proof == null) {
            return false;
        }
        String[] parts = proof.split(":", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        long nowSeconds = now.getEpochSecond();
        // an expiry further ahead than a proof is made for is forged or from a clock far off
        if (expires < nowSeconds || expires > nowSeconds + 2 * VALIDITY.toSeconds()) {
            return false;
        }
        byte[] expected = signature(tenant, method, path, expires).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String tenant, String method, String path, long expires) {
        String signed = String.join("\n", VERSION, tenant == null ? "" : tenant, method, path, Long.toString(expires));
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
