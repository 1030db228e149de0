package io.coursegen.storage.slots;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Takes slots of a per-tenant limit in {@value #COLLECTION}. A slot document exists while someone holds it (or held
 * it and crashed): {@code holder} is the lease id of the take, {@code expiresAt} when it is free again unless
 * renewed. Taking slot {@code i} is one {@code findAndModify} upsert whose query matches only an expired document;
 * if a live one is there the upsert collides on {@code _id} and the slot is taken by someone else, so two instances
 * can never both hold it. Expiry is judged by the clock of the instance that takes, so instances' clocks may differ
 * by a small part of the lease at most (NTP keeps them within milliseconds).
 */
public class TenantSlots {

    static final String COLLECTION = "tenant_slots";
    private static final String ID = "_id";
    private static final String KIND = "kind";
    private static final String TENANT_ID = "tenantId";
    private static final String HOLDER = "holder";
    private static final String EXPIRES_AT = "expiresAt";

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final Scheduler renewals;

    /**
     * @param clock    when leases end; tests move it
     * @param renewals runs the timers that renew held slots
     */
    public TenantSlots(ReactiveMongoTemplate mongo, Clock clock, Scheduler renewals) {
        this.mongo = mongo;
        this.clock = clock;
        this.renewals = renewals;
    }

    /**
     * Takes one of the tenant's {@code limit} slots of {@code kind} for {@code lease}; empty when all of them are
     * held. The slot is held for {@code lease} from now and then only while {@link Slot#hold held}; give it back with
     * {@link Slot#release}.
     */
    public Mono<Slot> take(String kind, String tenantId, int limit, Duration lease) {
        String holder = UUID.randomUUID().toString();
        // slot by slot, stopping at the first one taken: a limit is a handful, and most takes succeed at slot 0 or 1
        return Flux.range(0, limit)
                .concatMap(i -> take(kind + ":" + tenantId + ":" + i, kind, tenantId, holder, lease))
                .next();
    }

    private Mono<Slot> take(String id, String kind, String tenantId, String holder, Duration lease) {
        Date now = Date.from(clock.instant());
        return mongo.findAndModify(query(where(ID).is(id).and(EXPIRES_AT).lte(now)), new Update()
                                .set(KIND, kind)
                                .set(TENANT_ID, tenantId)
                                .set(HOLDER, holder)
                                .set(EXPIRES_AT, Date.from(clock.instant().plus(lease))),
                        FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)
                .map(taken -> new Slot(this, id, holder, lease))
                // a live document is there, so the upsert tried to insert a second one with its _id
                .onErrorResume(DuplicateKeyException.class, held -> Mono.empty());
    }

    /** Whether the holder still had the slot (false: its lease ran out and someone else may have it now). */
    Mono<Boolean> renew(Slot slot) {
        return renew(slot.id(), slot.holder(), slot.lease());
    }

    /**
     * Holds slot {@code id} for {@code lease} from now if {@code holder} still has it: false when it was given back,
     * or its lease ran out and someone else took it. An expired slot nobody took yet is still the holder's.
     */
    Mono<Boolean> renew(String id, String holder, Duration lease) {
        return mongo.updateFirst(query(where(ID).is(id).and(HOLDER).is(holder)),
                        Update.update(EXPIRES_AT, Date.from(clock.instant().plus(lease))), COLLECTION)
                .map(result -> result.getMatchedCount() == 1);
    }

    Mono<Void> release(Slot slot) {
        return release(slot.id(), slot.holder());
    }

    /** Deletes the slot if this holder still has it; a slot someone else took after it expired stays theirs. */
    Mono<Void> release(String id, String holder) {
        return mongo.remove(query(where(ID).is(id).and(HOLDER).is(holder)), COLLECTION).then();
    }

    Scheduler renewals() {
        return renewals;
    }
}
