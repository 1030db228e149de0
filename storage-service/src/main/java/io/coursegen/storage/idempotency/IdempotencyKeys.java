package io.coursegen.storage.idempotency;

import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.REQUESTED_AT;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.QueuedCourses;
import io.coursegen.storage.idempotency.Reservation.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One document per tenant and key in {@value #COLLECTION}: the request's digest and the course it started. The
 * document's id is the tenant and the key, so of two identical submissions racing each other exactly one inserts
 * it, and the other finds the winner's course. Expiry is decided here from the stored time (a TTL index only
 * tidies up), so a key is honoured for exactly its retention whatever the database does with TTL indexes.
 */
@Component
class IdempotencyKeys {

    static final String COLLECTION = "idempotency_keys";
    static final String KEY = "key";
    static final String REQUEST_HASH = "requestHash";
    static final String COURSE_ID = "courseId";
    static final String REQUEST = "request";
    static final String RESERVED_AT = "reservedAt";

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;
    private final QueuedCourses queued;
    private final IdempotencyProperties properties;
    private final Clock clock;

    @Autowired
    IdempotencyKeys(ReactiveMongoTemplate mongo, CourseDocuments documents, QueuedCourses queued,
            IdempotencyProperties properties) {
        this(mongo, documents, queued, properties, Clock.systemUTC());
    }

    IdempotencyKeys(ReactiveMongoTemplate mongo, CourseDocuments documents, QueuedCourses queued,
            IdempotencyProperties properties, Clock clock) {
        this.mongo = mongo;
        this.documents = documents;
        this.queued = queued;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Reserves the key for the request's course, or says what the key already stands for. A new key also creates the
     * course as QUEUED, so a read right after the submission finds it, whichever gateway instance it reaches.
     */
    Mono<Reservation> reserve(String tenantId, ReservationRequest request) {
        String id = tenantId + ":" + request.key();
        Instant now = clock.instant();
        CourseRequested course = request.course();
        Document entry = new Document(ID, id)
                .append(TENANT_ID, tenantId)
                .append(KEY, request.key())
                .append(REQUEST_HASH, request.requestHash())
                .append(COURSE_ID, course.courseId())
                .append(REQUEST, documents.toDocument(course))
                .append(RESERVED_AT, Date.from(now));
        return mongo.insert(entry, COLLECTION)
                .then(queued.store(course))
                .thenReturn(new Reservation(Outcome.RESERVED, course, CourseStatus.QUEUED))
                .onErrorResume(DuplicateKeyException.class, taken -> mongo.findById(id, Document.class, COLLECTION)
                        .flatMap(existing -> expired(existing, now)
                                // removed only if nobody renewed it meanwhile; then this submission starts afresh
                                ? mongo.remove(query(where(ID).is(id).and(RESERVED_AT).is(existing.getDate(RESERVED_AT))),
                                        COLLECTION).then(reserve(tenantId, request))
                                : existing(existing, request.requestHash(), now))
                        // the winner's entry expired and was removed between our insert and our read: try once more
                        .switchIfEmpty(Mono.defer(() -> reserve(tenantId, request))));
    }

    private Mono<Reservation> existing(Document entry, String requestHash, Instant now) {
        CourseRequested course = request(entry);
        if (!entry.getString(REQUEST_HASH).equals(requestHash)) {
            return Mono.just(new Reservation(Outcome.MISMATCH, course, null));
        }
        return mongo.findById(course.courseId(), Document.class, CourseDocuments.COLLECTION)
                .map(stored -> {
                    CourseStatus status = CourseStatus.valueOf(stored.getString(STATUS));
                    boolean neverArrived = stored.get(REQUESTED_AT) == null && status == CourseStatus.QUEUED
                            && entry.getDate(RESERVED_AT).toInstant().plus(properties.republishAfter()).isBefore(now);
                    return new Reservation(neverArrived ? Outcome.REPUBLISH : Outcome.REPLAYED, course, status);
                })
                // the owner deleted the finished course; the key still stands for it until it expires
                .defaultIfEmpty(new Reservation(Outcome.REPLAYED, course, null));
    }

    private boolean expired(Document entry, Instant now) {
        return entry.getDate(RESERVED_AT).toInstant().plus(properties.retention()).isBefore(now);
    }

    private CourseRequested request(Document entry) {
        return documents.fromDocument(entry.get(REQUEST, Document.class), CourseRequested.class);
    }
}
