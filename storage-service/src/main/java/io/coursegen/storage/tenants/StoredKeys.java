package io.coursegen.storage.tenants;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * API keys by the SHA-256 hex of the key ({@code _id}), each with its tenant and a public {@code keyId} that names it
 * in the admin API (the hash is never shown to an admin). A revoked key keeps its document with {@code revokedAt}, so
 * that its id keeps answering and a lookup can tell nothing apart from an unknown key.
 */
@Component
class StoredKeys {

    static final String COLLECTION = "api_keys";
    static final String TENANT = "tenantId";
    static final String KEY_ID = "keyId";
    static final String CREATED_AT = "createdAt";
    static final String REVOKED_AT = "revokedAt";
    static final Duration MONGO_TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;
    private final SecureRandom random = new SecureRandom();

    StoredKeys(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Stores a new key of the tenant; answers its view (id and time, never the hash). */
    Mono<Map<String, Object>> add(String tenantId, String keyHash) {
        Document key = new Document("_id", keyHash)
                .append(TENANT, tenantId)
                .append(KEY_ID, newKeyId())
                .append(CREATED_AT, Date.from(Instant.now()));
        return mongo.insert(key, COLLECTION).map(StoredKeys::view);
    }

    /** The tenant and key id of an active key, empty for an unknown or revoked one. */
    Mono<Map<String, Object>> lookup(String keyHash) {
        return mongo.findOne(query(where("_id").is(keyHash).and(REVOKED_AT).exists(false)), Document.class, COLLECTION)
                .map(key -> {
                    Map<String, Object> owner = new LinkedHashMap<>();
                    owner.put(TENANT, key.getString(TENANT));
                    owner.put(KEY_ID, key.getString(KEY_ID));
                    return owner;
                });
    }

    /**
     * Revokes the tenant's key; revoking a revoked key again changes nothing (a retried DELETE). Answers the key's
     * hash too, for the gateway to forget its cached answer at once; empty for a key the tenant does not have.
     */
    Mono<Map<String, Object>> revoke(String tenantId, String keyId) {
        return mongo.findAndModify(query(where(TENANT).is(tenantId).and(KEY_ID).is(keyId).and(REVOKED_AT).exists(false)),
                        new Update().set(REVOKED_AT, Date.from(Instant.now())),
                        FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .switchIfEmpty(Mono.defer(() -> mongo.findOne(query(where(TENANT).is(tenantId).and(KEY_ID).is(keyId)),
                        Document.class, COLLECTION)))
                .map(key -> {
                    Map<String, Object> revoked = view(key);
                    revoked.put("keyHash", key.getString("_id"));
                    return revoked;
                });
    }

    /** The tenant's keys, oldest first, revoked ones included. */
    Mono<List<Map<String, Object>>> list(String tenantId) {
        return mongo.find(query(where(TENANT).is(tenantId)).with(Sort.by(CREATED_AT, KEY_ID)), Document.class, COLLECTION)
                .map(StoredKeys::view)
                .collectList();
    }

    private static Map<String, Object> view(Document key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(KEY_ID, key.getString(KEY_ID));
        view.put(TENANT, key.getString(TENANT));
        view.put(CREATED_AT, instant(key.get(CREATED_AT)));
        view.put(REVOKED_AT, instant(key.get(REVOKED_AT)));
        return view;
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }

    /** Not secret (it is shown in lists and logs), only unique per tenant; random so ids reveal no count. */
    private String newKeyId() {
        byte[] bytes = new byte[9];
        random.nextBytes(bytes);
        return "key_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
