package io.coursegen.storage.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.QueuedCourses;
import io.coursegen.storage.idempotency.Reservation.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/** Idempotency keys against a MongoDB-wire server, with a clock the tests move. */
class IdempotencyKeysTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final IdempotencyProperties PROPERTIES = new IdempotencyProperties(Duration.ofHours(24),
            Duration.ofSeconds(30));
    private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");

    private static MongoServer server;
    private static MongoClient client;
    private static ReactiveMongoTemplate mongo;
    private static CourseDocuments documents;

    @BeforeAll
    static void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        mongo = new ReactiveMongoTemplate(client, "coursegen");
        documents = new CourseDocuments(JsonMapper.builder().build());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aNewKeyIsReservedAndItsCourseIsStoredAsQueuedAtOnce() {
        String tenant = tenant();
        ReservationRequest request = request("key-1", "hash-a", tenant);

        Reservation reservation = keys(START).reserve(tenant, request).block(WAIT);

        assertThat(reservation.outcome()).isEqualTo(Outcome.RESERVED);
        assertThat(reservation.course()).isEqualTo(request.course());
        Document course = storedCourse(request.course().courseId());
        assertThat(course.getString("tenantId")).isEqualTo(tenant);
        assertThat(course.getString("status")).isEqualTo("QUEUED");
        assertThat(documents.read(course).spec()).isEqualTo(request.course().spec());
    }

    @Test
    void theSameKeyAndRequestAnswerTheFirstCourseAndPublishNothing() {
        String tenant = tenant();
        ReservationRequest first = request("key-1", "hash-a", tenant);
        keys(START).reserve(tenant, first).block(WAIT);

        Reservation again = keys(START.plusSeconds(5)).reserve(tenant, request("key-1", "hash-a", tenant)).block(WAIT);

        assertThat(again.outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(again.course().courseId()).isEqualTo(first.course().courseId());
        assertThat(again.status()).isEqualTo(CourseStatus.QUEUED);
    }

    @Test
    void theSameKeyWithADifferentRequestIsAMismatchNamingTheFirstCourse() {
        String tenant = tenant();
        ReservationRequest first = request("key-1", "hash-a", tenant);
        keys(START).reserve(tenant, first).block(WAIT);

        Reservation other = keys(START).reserve(tenant, request("key-1", "hash-b", tenant)).block(WAIT);

        assertThat(other.outcome()).isEqualTo(Outcome.MISMATCH);
        assertThat(other.course().courseId()).isEqualTo(first.course().courseId());
    }

    @Test
    void keysBelongToTheirTenant() {
        String tenant = tenant();
        String other = tenant();
        keys(START).reserve(tenant, request("shared-key", "hash-a", tenant)).block(WAIT);

        assertThat(keys(START).reserve(other, request("shared-key", "hash-b", other)).block(WAIT).outcome())
                .isEqualTo(Outcome.RESERVED);
    }

    @Test
    void concurrentIdenticalSubmissionsReserveOneCourse() {
        String tenant = tenant();
        IdempotencyKeys keys = keys(START);

        List<Reservation> reservations = Flux.range(0, 8)
                .flatMap(i -> keys.reserve(tenant, request("burst", "hash-a", tenant)), 8)
                .collectList().block(WAIT);

        assertThat(reservations).filteredOn(r -> r.outcome() == Outcome.RESERVED).hasSize(1);
        assertThat(reservations).extracting(r -> r.course().courseId()).containsOnly(
                reservations.stream().filter(r -> r.outcome() == Outcome.RESERVED).findFirst().orElseThrow()
                        .course().courseId());
    }

    @Test
    void aCourseThatNeverReachedStorageIsPublishedAgainOnARetryAfterTheGracePeriod() {
        String tenant = tenant();
        ReservationRequest first = request("key-1", "hash-a", tenant);
        keys(START).reserve(tenant, first).block(WAIT);

        assertThat(keys(START.plusSeconds(10)).reserve(tenant, first).block(WAIT).outcome())
                .as("within the grace period the first publish may still be under way").isEqualTo(Outcome.REPLAYED);
        Reservation late = keys(START.plusSeconds(31)).reserve(tenant, request("key-1", "hash-a", tenant)).block(WAIT);
        assertThat(late.outcome()).isEqualTo(Outcome.REPUBLISH);
        assertThat(late.course()).isEqualTo(first.course());
    }

    @Test
    void aCourseThatReachedStorageIsNeverPublishedAgain() {
        String tenant = tenant();
        ReservationRequest first = request("key-1", "hash-a", tenant);
        keys(START).reserve(tenant, first).block(WAIT);
        // what storage's course.requested handler does when the record arrives
        mongo.updateFirst(Query.query(Criteria.where("_id").is(first.course().courseId())),
                new Update().set("requestedAt", new java.util.Date()).set("status", "GENERATING"), "courses").block(WAIT);

        Reservation later = keys(START.plus(Duration.ofHours(2))).reserve(tenant, first).block(WAIT);

        assertThat(later.outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(later.status()).isEqualTo(CourseStatus.GENERATING);
    }

    @Test
    void aKeyOlderThanItsRetentionStartsANewCourse() {
        String tenant = tenant();
        ReservationRequest first = request("key-1", "hash-a", tenant);
        keys(START).reserve(tenant, first).block(WAIT);

        ReservationRequest next = request("key-1", "hash-b", tenant);
        Reservation reservation = keys(START.plus(Duration.ofHours(25))).reserve(tenant, next).block(WAIT);

        assertThat(reservation.outcome()).isEqualTo(Outcome.RESERVED);
        assertThat(reservation.course().courseId()).isEqualTo(next.course().courseId())
                .isNotEqualTo(first.course().courseId());
    }

    private static IdempotencyKeys keys(Instant now) {
        return new IdempotencyKeys(mongo, documents, new QueuedCourses(mongo, documents), PROPERTIES,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }

    private static ReservationRequest request(String key, String hash, String tenant) {
        CourseSpec spec = new CourseSpec("Idempotency in practice", "engineers", "beginner", "en", 2, true, null);
        return new ReservationRequest(key, hash, new CourseRequested(UUID.randomUUID().toString(), tenant, spec,
                START.truncatedTo(ChronoUnit.MILLIS)));
    }

    private static Document storedCourse(String courseId) {
        return mongo.findById(courseId, Document.class, "courses").block(WAIT);
    }
}
