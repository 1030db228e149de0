package io.coursegen.storage.tenants;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.storage.quota.TenantLimits;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The tenants an admin created or a gateway seeded from its configured keys, one document each in
 * {@value TenantLimits#TENANTS} ({@code _id} = tenant id), next to the limits {@link TenantLimits} keeps there.
 */
@Component
class Tenants {

    /** The gateway's rule for tenant ids; never starts with '_', so the admin pseudo-tenant cannot be one. */
    static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final String CREATED_AT = "createdAt";
    /** True for a tenant that came from a gateway's {@code COURSEGEN_API_KEYS} rather than from an admin. */
    static final String CONFIGURED = "configured";

    private final ReactiveMongoTemplate mongo;
    private final StoredKeys keys;

    Tenants(ReactiveMongoTemplate mongo, StoredKeys keys) {
        this.mongo = mongo;
        this.keys = keys;
    }

    /**
     * A new tenant with its first key. Two writes: if the key's fails after the tenant's, the tenant exists without a
     * key (a retry is a 409) and an admin adds one with {@link StoredKeys#add}; no key is ever usable without its
     * tenant document.
     *
     * @return the first key's view; empty if the tenant exists already
     */
    Mono<Map<String, Object>> create(String tenantId, String keyHash) {
        Document tenant = new Document("_id", tenantId).append(CREATED_AT, Date.from(Instant.now()));
        return mongo.insert(tenant, TenantLimits.TENANTS)
                .map(created -> true)
                .onErrorResume(DuplicateKeyException.class, exists -> Mono.just(false))
                .flatMap(created -> created ? keys.add(tenantId, keyHash) : Mono.empty());
    }

    /** Makes sure a tenant a gateway knows from its configuration exists here too; nothing changes if it does. */
    Mono<Void> ensureConfigured(String tenantId) {
        return mongo.upsert(query(where("_id").is(tenantId)), new Update()
                        .setOnInsert(CREATED_AT, Date.from(Instant.now()))
                        .setOnInsert(CONFIGURED, true), TenantLimits.TENANTS)
                .then();
    }

    Mono<Boolean> exists(String tenantId) {
        return mongo.exists(query(where("_id").is(tenantId)), TenantLimits.TENANTS);
    }
}
