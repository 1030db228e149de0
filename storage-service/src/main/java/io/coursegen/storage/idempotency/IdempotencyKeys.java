package io.coursegen.storage.idempotency;

import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.idempotency.KeyClaim.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One document per tenant and key in {@value #COLLECTION}: the request's digest and the course it started. The
 * document's id is the tenant and the key, so of two identical submissions racing each other exactly one inserts
 * it, and the other finds the winner's course. Expiry is decided here from the stored time (a TTL index only
 * tidies up), so a key is honoured for exactly its retention whatever the database does with TTL indexes.
 *
 * <p>The key is claimed before its course is stored, and marked once the course is: a key without the mark is a
 * submission still under way or one that stopped in between, whose course the next submission may store (same
 * id, so never twice); a key with the mark whose course is gone stands for a course its owner deleted.
 */
@Component
public class IdempotencyKeys {

    static final String COLLECTION = "idempotency_keys";
    static final String KEY = "key";
    static final String REQUEST_HASH = "requestHash";
    static final String COURSE_ID = "courseId";
    static final String REQUEST = "request";
    static final String RESERVED_AT = "reservedAt";
    static final String COURSE_STORED = "courseStored";

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;
    private final IdempotencyProperties properties;
    private final Clock clock;

    @Autowired
    IdempotencyKeys(ReactiveMongoTemplate mongo, CourseDocuments documents, IdempotencyProperties properties) {
        this(mongo, documents, properties, Clock.systemUTC());
    }

    IdempotencyKeys(ReactiveMongoTemplate mongo, CourseDocuments documents, IdempotencyProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.documents = documents;
        this.properties = properties;
        this.clock = clock;
    }

    /** Claims the key for this course, or says what it already stands for. */
    public Mono<KeyClaim> claim(String tenantId, String key, String requestHash, CourseRequested course) {
        String id = id(tenantId, key);
        Instant now = clock.instant();
        Document entry = new Document(ID, id)
                .append(TENANT_ID, tenantId)
                .append(KEY, key)
                .append(REQUEST_HASH, requestHash)
                .append(COURSE_ID, course.courseId())
                .append(REQUEST, documents.toDocument(course))
                .append(RESERVED_AT, Date.from(now));
        return mongo.insert(entry, COLLECTION)
                .thenReturn(new KeyClaim(Outcome.NEW, course, false))
                .onErrorResume(DuplicateKeyException.class, taken -> mongo.findById(id, Document.class, COLLECTION)
                        .flatMap(existing -> expired(existing, now)
                                // removed only if nobody renewed it meanwhile; then this submission starts afresh
                                ? mongo.remove(query(where(ID).is(id).and(RESERVED_AT).is(existing.getDate(RESERVED_AT))),
                                        COLLECTION).then(claim(tenantId, key, requestHash, course))
                                : Mono.just(existing(existing, requestHash)))
                        // the winner's entry expired and was removed between our insert and our read: try once more
                        .switchIfEmpty(Mono.defer(() -> claim(tenantId, key, requestHash, course))));
    }

    /** The submission that claimed the key was refused before its course was stored: the key is free again. */
    public Mono<Void> release(String tenantId, String key) {
        return mongo.remove(query(where(ID).is(id(tenantId, key)).and(COURSE_STORED).ne(true)), COLLECTION).then();
    }

    /** The key's course is stored: from now on its absence means its owner deleted it. */
    public Mono<Void> courseStored(String tenantId, String key) {
        return mongo.updateFirst(query(where(ID).is(id(tenantId, key))), new Update().set(COURSE_STORED, true),
                COLLECTION).then();
    }

    private KeyClaim existing(Document entry, String requestHash) {
        CourseRequested course = documents.fromDocument(entry.get(REQUEST, Document.class), CourseRequested.class);
        Outcome outcome = entry.getString(REQUEST_HASH).equals(requestHash) ? Outcome.SAME_REQUEST : Outcome.OTHER_REQUEST;
        return new KeyClaim(outcome, course, Boolean.TRUE.equals(entry.getBoolean(COURSE_STORED)));
    }

    private boolean expired(Document entry, Instant now) {
        return entry.getDate(RESERVED_AT).toInstant().plus(properties.retention()).isBefore(now);
    }

    private static String id(String tenantId, String key) {
        return tenantId + ":" + key;
    }
}
