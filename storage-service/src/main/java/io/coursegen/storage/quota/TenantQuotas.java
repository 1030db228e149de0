package io.coursegen.storage.quota;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.storage.admission.CourseAdmissions;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongFunction;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether a tenant may submit one more course now, or have one more lesson written again. The queue cap is checked first (a full queue uses no token);
 * then one token is taken from the tenant's bucket in {@value #BUCKETS}: a compare-and-set on the document, retried
 * when another instance took one at the same moment, so the limits hold across instances without a lock.
 */
@Component
public class TenantQuotas {

    static final String BUCKETS = "quota_buckets";
    /** Before the tenant in the id of its regeneration bucket; the submission bucket's id is the tenant alone. */
    private static final String REGENERATIONS = "regenerations:";
    private static final String ID = "_id";
    private static final String TOKENS = "tokens";
    /** Epoch milliseconds of the last change. */
    private static final String AT = "at";
    /** Concurrent takers of one tenant's tokens; beyond this the submission is refused rather than spun on. */
    private static final int MAX_ATTEMPTS = 20;

    private final ReactiveMongoTemplate mongo;
    private final CourseAdmissions admissions;
    private final TenantLimits tenantLimits;
    private final Clock clock = Clock.systemUTC();

    TenantQuotas(ReactiveMongoTemplate mongo, CourseAdmissions admissions, TenantLimits tenantLimits) {
        this.mongo = mongo;
        this.admissions = admissions;
        this.tenantLimits = tenantLimits;
    }

    /** Empty when the tenant may submit under these, its limits now (a token is taken); otherwise why not. */
    public Mono<Refusal> check(String tenantId, Limits limits) {
        Mono<Refusal> queue = limits.maxQueued() == 0 ? Mono.empty()
                : admissions.waitingCount(tenantId).flatMap(waiting -> waiting >= limits.maxQueued()
                        ? Mono.just(new Refusal(Refusal.Reason.QUEUE_FULL, "You have " + waiting
                                + " courses waiting to start, as many as your limit allows; submit more once some have started",
                                30))
                        : Mono.empty());
        return queue.switchIfEmpty(Mono.defer(() -> limits.submissionsPerMinute() == 0 ? Mono.empty()
                : take(tenantId, limits.submissionsPerMinute() / 60_000.0, Math.max(1, limits.submissionBurst()), retryAfter -> "You may submit "
                        + limits.submissionsPerMinute() + " courses a minute (" + limits.submissionBurst()
                        + " at once); try again in " + retryAfter + " s", 1)));
    }

    /** Empty when the tenant may have one more lesson written again now (a token is taken); otherwise why not. */
    public Mono<Refusal> checkRegeneration(String tenantId) {
        return tenantLimits.of(tenantId).flatMap(limits -> checkRegeneration(tenantId, limits.regenerationsPerHour()));
    }

    private Mono<Refusal> checkRegeneration(String tenantId, int perHour) {
        return perHour == 0 ? Mono.empty() : take(REGENERATIONS + tenantId, perHour / 3_600_000.0, perHour,
                retryAfter -> "You may regenerate " + perHour + " lessons an hour; try again in " + retryAfter + " s", 1);
    }

    /**
     * Takes one token from the bucket {@code bucketId} (capacity {@code capacity}, refilled at {@code perMilli}), or
     * says when there will be one.
     */
    private Mono<Refusal> take(String bucketId, double perMilli, int capacity, LongFunction<String> refusal, int attempt) {
        long now = clock.millis();
        return mongo.findById(bucketId, Document.class, BUCKETS).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(bucket -> {
                    double tokens = bucket.map(found -> Math.min(capacity,
                                    found.getDouble(TOKENS) + Math.max(0, now - found.getLong(AT)) * perMilli))
                            .orElse((double) capacity);
                    if (tokens < 1) {
                        long retryAfter = Math.max(1, (long) Math.ceil((1 - tokens) / perMilli / 1000));
                        return Mono.just(new Refusal(Refusal.Reason.RATE_LIMITED, refusal.apply(retryAfter), retryAfter));
                    }
                    Mono<Boolean> taken = bucket.isEmpty()
                            ? mongo.insert(new Document(ID, bucketId).append(TOKENS, tokens - 1).append(AT, now), BUCKETS)
                                    .thenReturn(true)
                                    .onErrorResume(DuplicateKeyException.class, raced -> Mono.just(false))
                            : mongo.updateFirst(query(where(ID).is(bucketId).and(AT).is(bucket.get().getLong(AT))
                                                    .and(TOKENS).is(bucket.get().getDouble(TOKENS))),
                                            new Update().set(TOKENS, tokens - 1).set(AT, now), BUCKETS)
                                    .map(result -> result.getModifiedCount() == 1);
                    return taken.flatMap(won -> won ? Mono.<Refusal>empty()
                            : attempt < MAX_ATTEMPTS ? take(bucketId, perMilli, capacity, refusal, attempt + 1)
                            : Mono.just(new Refusal(Refusal.Reason.RATE_LIMITED,
                                    "Too many of your submissions at the same moment; try again in a second", 1)));
                });
    }
}
