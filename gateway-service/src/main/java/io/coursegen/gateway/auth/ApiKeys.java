package io.coursegen.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured API keys, held only as SHA-256 hashes so a heap dump or a debug print shows no usable
 * key. A presented key is hashed and looked up; the hash of an unknown key reveals nothing about the
 * known ones, so the lookup need not be constant-time.
 */
public final class ApiKeys {

    /** Starts with a letter or digit, so no tenant can take the admin pseudo-tenant's name ({@link AdminCalls#TENANT}). */
    public static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** 128 bits as base64: a guessable key is refused at start-up, not found out in production. */
    public static final int MIN_KEY_LENGTH = 22;

    private final Map<String, Tenant> tenantsByKeyHash;

    private ApiKeys(Map<String, Tenant> tenantsByKeyHash) {
        this.tenantsByKeyHash = Map.copyOf(tenantsByKeyHash);
    }

    /**
     * Parses {@code tenant=key,tenant2=key2}. A tenant may have several keys (rotation); a key may contain
     * '=' (base64), so only the first '=' separates. Errors name the entry's position, never its key.
     */
    static ApiKeys parse(String config) {
        Map<String, Tenant> byHash = new HashMap<>();
        if (config == null || config.isBlank()) {
            return new ApiKeys(byHash);
        }
        String[] entries = config.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            int separator = entry.indexOf('=');
            String tenant = separator < 0 ? "" : entry.substring(0, separator).strip();
            String key = separator < 0 ? "" : entry.substring(separator + 1).strip();
            if (!TENANT_ID.matcher(tenant).matches() || key.isEmpty()) {
                throw new IllegalArgumentException("coursegen.gateway.api-keys entry " + (i + 1)
                        + " is not tenant=key (tenant: 1-64 letters, digits, '.', '_' or '-'; key: not empty)");
            }
            if (key.length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException("coursegen.gateway.api-keys entry " + (i + 1) + " has a key of fewer"
                        + " than " + MIN_KEY_LENGTH + " characters; keys need at least 22 characters (128 bits as"
                        + " base64), e.g. openssl rand -base64 24");
            }
            Tenant previous = byHash.putIfAbsent(sha256Hex(key), new Tenant(tenant));
            if (previous != null && !previous.id().equals(tenant)) {
                throw new IllegalArgumentException("coursegen.gateway.api-keys entry " + (i + 1)
                        + " reuses a key that already belongs to tenant " + previous.id());
            }
        }
        return new ApiKeys(byHash);
    }

    /** The tenant this key belongs to; the REST filter and the Kafka intake both authenticate with it. */
    public Optional<Tenant> tenantFor(String presentedKey) {
        return Optional.ofNullable(tenantsByKeyHash.get(sha256Hex(presentedKey)));
    }

    boolean hasTenant(String tenantId) {
        return tenantsByKeyHash.containsValue(new Tenant(tenantId));
    }

    boolean isEmpty() {
        return tenantsByKeyHash.isEmpty();
    }

    long tenantCount() {
        return tenantsByKeyHash.values().stream().distinct().count();
    }

    /** The form in which keys are kept, here and (for keys the admin API made) in storage-service. */
    public static String sha256Hex(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM ships SHA-256", impossible);
        }
    }

    @Override
    public String toString() {
        return "ApiKeys[" + tenantsByKeyHash.size() + " keys]";
    }
}
