package io.coursegen.storage.quota;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each tenant's own limits, kept in MongoDB ({@value #TENANTS}, field {@value #LIMITS}) so every instance applies the
 * same ones from the next request on. Read on every submission: one lookup by id, no cache to go stale.
 */
@Component
public class TenantLimits {

    /** One document per tenant; tenant administration keeps its own fields in the same document. */
    public static final String TENANTS = "tenants";
    static final String LIMITS = "limits";

    private final ReactiveMongoTemplate mongo;
    private final QuotaProperties defaults;

    TenantLimits(ReactiveMongoTemplate mongo, QuotaProperties defaults) {
        this.mongo = mongo;
        this.defaults = defaults;
    }

    /** The limits that hold for the tenant now. */
    public Mono<Limits> of(String tenantId) {
        return overrides(tenantId).map(own -> own.over(defaults));
    }

    /** The tenant's own settings, {@link LimitOverrides#NONE} when it has none. */
    public Mono<LimitOverrides> overrides(String tenantId) {
        return mongo.findById(tenantId, Document.class, TENANTS)
                .map(tenant -> tenant.get(LIMITS) instanceof Document limits ? read(limits) : LimitOverrides.NONE)
                .defaultIfEmpty(LimitOverrides.NONE);
    }

    /** Replaces the tenant's own settings (null fields go back to the defaults); the limits that hold now. */
    public Mono<Limits> replace(String tenantId, LimitOverrides overrides) {
        Document limits = new Document();
        put(limits, "submissionsPerMinute", overrides.submissionsPerMinute());
        put(limits, "submissionBurst", overrides.submissionBurst());
        put(limits, "maxQueued", overrides.maxQueued());
        put(limits, "regenerationsPerHour", overrides.regenerationsPerHour());
        put(limits, "monthlyBudgetUsd", overrides.monthlyBudgetUsd());
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(tenantId)), new Update().set(LIMITS, limits),
                        FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, TENANTS)
                .then(of(tenantId));
    }

    public QuotaProperties defaults() {
        return defaults;
    }

    private static LimitOverrides read(Document limits) {
        return new LimitOverrides(integer(limits, "submissionsPerMinute"), integer(limits, "submissionBurst"),
                integer(limits, "maxQueued"), integer(limits, "regenerationsPerHour"),
                limits.get("monthlyBudgetUsd") instanceof Number budget ? budget.doubleValue() : null);
    }

    private static Integer integer(Document limits, String field) {
        return limits.get(field) instanceof Number number ? number.intValue() : null;
    }

    private static void put(Document limits, String field, Object value) {
        if (value != null) {
            limits.append(field, value);
        }
    }
}
