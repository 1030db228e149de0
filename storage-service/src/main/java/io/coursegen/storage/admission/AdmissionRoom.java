package io.coursegen.storage.admission;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The waiting room's own two small collections, one entry per course: {@value #WAITING} (accepted, not admitted
 * yet) and {@value #IN_FLIGHT} (admitted, not known to be final). Admission reads these instead of the
 * {@code courses} collection: a pass then reads the few courses in flight, not every course ever stored, and never
 * holds the course collection while the intake inserts into it. The course documents stay the truth; an entry is
 * only a pointer, checked against its course before it counts.
 */
@Component
class AdmissionRoom {

    static final String WAITING = "admission_waiting";
    static final String IN_FLIGHT = "admission_in_flight";
    static final String ID = "_id";
    static final String TENANT_ID = "tenantId";
    /** Epoch microseconds, strictly increasing per storage instance: the order courses were accepted in. */
    static final String ORDER = "order";
    static final String SINCE = "since";

    private static final Duration MONGO_TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;
    private final AtomicLong lastOrder = new AtomicLong();

    AdmissionRoom(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * A course joins the queue; entering again (a retried submission of the same course) keeps its first place and
     * completes empty.
     */
    Mono<Waiting> enter(String courseId, String tenantId, Instant since) {
        long order = lastOrder.updateAndGet(last -> Math.max(last + 1, micros(since)));
        Document entry = new Document(ID, courseId).append(TENANT_ID, tenantId).append(ORDER, order)
                .append(SINCE, Date.from(since));
        return mongo.insert(entry, WAITING)
                .thenReturn(new Waiting(courseId, tenantId, order, since))
                .onErrorResume(DuplicateKeyException.class, entered -> Mono.empty());
    }

    /** How many of the tenant's courses wait for admission. */
    Mono<Long> waitingCount(String tenantId) {
        return mongo.count(query(where(TENANT_ID).is(tenantId)), WAITING);
    }

    /** From the collection's metadata, not a scan: an estimate needs no exact figure, and it is asked per submission. */
    Mono<Long> waitingCount() {
        return mongo.estimatedCount(WAITING);
    }

    /** A waiting course that will never be admitted (cancelled, or its course is gone). */
    Mono<Void> leave(String courseId) {
        return mongo.remove(byId(courseId), WAITING).then();
    }

    List<Waiting> waiting() {
        return Objects.requireNonNullElse(mongo.findAll(Document.class, WAITING)
                .map(entry -> new Waiting(entry.getString(ID), entry.getString(TENANT_ID), entry.getLong(ORDER),
                        entry.getDate(SINCE).toInstant()))
                .collectList().block(MONGO_TIMEOUT), List.of());
    }

    List<InFlight> inFlight() {
        return Objects.requireNonNullElse(mongo.findAll(Document.class, IN_FLIGHT)
                .map(entry -> new InFlight(entry.getString(ID), entry.getString(TENANT_ID)))
                .collectList().block(MONGO_TIMEOUT), List.of());
    }

    /** Moves the course from waiting to in flight: in flight first, so a crash in between never loses its place. */
    void admitted(String courseId, String tenantId) {
        mongo.insert(new Document(ID, courseId).append(TENANT_ID, tenantId), IN_FLIGHT).then()
                .onErrorResume(DuplicateKeyException.class, already -> Mono.empty())
                .then(leave(courseId))
                .block(MONGO_TIMEOUT);
    }

    /** The course is final (or gone): its place is free. */
    void finished(String courseId) {
        mongo.remove(byId(courseId), IN_FLIGHT).block(MONGO_TIMEOUT);
    }

    private static Query byId(String courseId) {
        return query(where(ID).is(courseId));
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    record Waiting(String courseId, String tenantId, long order, Instant since) {
    }

    record InFlight(String courseId, String tenantId) {
    }
}
