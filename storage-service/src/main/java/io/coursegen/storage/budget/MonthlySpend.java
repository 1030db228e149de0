package io.coursegen.storage.budget;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.YearMonth;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One tenant's account for one calendar month in {@value #COLLECTION}, in micro-USD so that sums stay exact:
 * {@code reserved} for courses still running, {@code spent} for courses settled, and {@code committed}, their sum,
 * which a reservation may raise only while it stays within the budget. Every change is one conditional increment,
 * so two instances reserving at once cannot both pass the budget.
 */
@Component
class MonthlySpend {

    static final String COLLECTION = "tenant_spend";
    private static final String ID = "_id";
    private static final String TENANT_ID = "tenantId";
    private static final String MONTH = "month";
    static final String RESERVED = "reservedMicros";
    static final String SPENT = "spentMicros";
    static final String COMMITTED = "committedMicros";

    private final ReactiveMongoTemplate mongo;

    MonthlySpend(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Reserves {@code micros} if the month's committed spend stays within {@code budgetMicros} (0: no budget, always
     * reserved); whether it was. One conditional upsert: the month's first reservation creates the account, and an
     * account whose committed spend leaves no room makes the upsert collide with it on its id.
     */
    Mono<Boolean> reserve(String tenantId, YearMonth month, long micros, long budgetMicros) {
        if (budgetMicros > 0 && micros > budgetMicros) {
            return Mono.just(false);
        }
        String id = id(tenantId, month);
        var within = budgetMicros == 0 ? where(ID).is(id) : where(ID).is(id).and(COMMITTED).lte(budgetMicros - micros);
        Mono<Boolean> attempt = mongo.upsert(query(within), opened(tenantId, month).inc(RESERVED, micros)
                        .inc(COMMITTED, micros), COLLECTION)
                .thenReturn(true);
        // a collision is either no room left or a first reservation of the month racing this one: once more tells
        return attempt.onErrorResume(DuplicateKeyException.class, collided -> attempt
                .onErrorResume(DuplicateKeyException.class, noRoom -> Mono.just(false)));
    }

    /** A course's reservation gives way to what it really cost (since its last settlement). */
    Mono<Void> settle(String tenantId, YearMonth month, long releasedMicros, long spentMicros) {
        if (releasedMicros == 0 && spentMicros == 0) {
            return Mono.empty();
        }
        return mongo.upsert(query(where(ID).is(id(tenantId, month))), opened(tenantId, month)
                        .inc(RESERVED, -releasedMicros)
                        .inc(SPENT, spentMicros)
                        .inc(COMMITTED, spentMicros - releasedMicros), COLLECTION)
                .then();
    }

    /** The month's account; all zero when nothing was reserved in it yet. */
    Mono<Account> of(String tenantId, YearMonth month) {
        return mongo.findById(id(tenantId, month), Document.class, COLLECTION)
                .map(account -> new Account(number(account, RESERVED), number(account, SPENT)))
                .defaultIfEmpty(new Account(0, 0));
    }

    /** The fields a month's account is created with, by whichever change comes first. */
    private static Update opened(String tenantId, YearMonth month) {
        return new Update().setOnInsert(TENANT_ID, tenantId).setOnInsert(MONTH, month.toString());
    }

    private static String id(String tenantId, YearMonth month) {
        return tenantId + "|" + month;
    }

    private static long number(Document account, String field) {
        return account.get(field) instanceof Number number ? number.longValue() : 0;
    }

    /** In micro-USD. */
    record Account(long reservedMicros, long spentMicros) {
    }
}
