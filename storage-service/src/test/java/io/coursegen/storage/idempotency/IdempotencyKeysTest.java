package io.coursegen.storage.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.idempotency.KeyClaim.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/** Idempotency keys against a MongoDB-wire server, with a clock the tests move. */
class IdempotencyKeysTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final IdempotencyProperties PROPERTIES = new IdempotencyProperties(Duration.ofHours(24));
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
    void aNewKeyIsClaimedForTheSubmissionsCourse() {
        String tenant = tenant();
        CourseRequested course = course(tenant);

        KeyClaim claim = keys(START).claim(tenant, "key-1", "hash-a", course).block(WAIT);

        assertThat(claim.outcome()).isEqualTo(Outcome.NEW);
        assertThat(claim.course()).isEqualTo(course);
        assertThat(claim.courseStored()).isFalse();
    }

    @Test
    void theSameKeyAndRequestAnswerTheFirstCourseAndWhetherItIsStored() {
        String tenant = tenant();
        CourseRequested first = course(tenant);
        keys(START).claim(tenant, "key-1", "hash-a", first).block(WAIT);

        KeyClaim during = keys(START.plusSeconds(1)).claim(tenant, "key-1", "hash-a", course(tenant)).block(WAIT);
        keys(START).courseStored(tenant, "key-1").block(WAIT);
        KeyClaim after = keys(START.plusSeconds(5)).claim(tenant, "key-1", "hash-a", course(tenant)).block(WAIT);

        assertThat(during.outcome()).isEqualTo(Outcome.SAME_REQUEST);
        assertThat(during.course()).isEqualTo(first);
        assertThat(during.courseStored()).isFalse();
        assertThat(after.outcome()).isEqualTo(Outcome.SAME_REQUEST);
        assertThat(after.course()).isEqualTo(first);
        assertThat(after.courseStored()).isTrue();
    }

    @Test
    void theSameKeyWithADifferentRequestNamesTheFirstCourse() {
        String tenant = tenant();
        CourseRequested first = course(tenant);
        keys(START).claim(tenant, "key-1", "hash-a", first).block(WAIT);

        KeyClaim other = keys(START).claim(tenant, "key-1", "hash-b", course(tenant)).block(WAIT);

        assertThat(other.outcome()).isEqualTo(Outcome.OTHER_REQUEST);
        assertThat(other.course().courseId()).isEqualTo(first.courseId());
    }

    @Test
    void keysBelongToTheirTenant() {
        String tenant = tenant();
        String other = tenant();
        keys(START).claim(tenant, "shared-key", "hash-a", course(tenant)).block(WAIT);

        assertThat(keys(START).claim(other, "shared-key", "hash-b", course(other)).block(WAIT).outcome())
                .isEqualTo(Outcome.NEW);
    }

    @Test
    void concurrentIdenticalSubmissionsClaimTheKeyOnce() {
        String tenant = tenant();
        IdempotencyKeys keys = keys(START);

        List<KeyClaim> claims = Flux.range(0, 8)
                .flatMap(i -> keys.claim(tenant, "burst", "hash-a", course(tenant)), 8)
                .collectList().block(WAIT);

        assertThat(claims).filteredOn(claim -> claim.outcome() == Outcome.NEW).hasSize(1);
        String winner = claims.stream().filter(claim -> claim.outcome() == Outcome.NEW).findFirst().orElseThrow()
                .course().courseId();
        assertThat(claims).extracting(claim -> claim.course().courseId()).containsOnly(winner);
    }

    @Test
    void aKeyOlderThanItsRetentionStartsANewCourse() {
        String tenant = tenant();
        CourseRequested first = course(tenant);
        keys(START).claim(tenant, "key-1", "hash-a", first).block(WAIT);

        CourseRequested next = course(tenant);
        KeyClaim claim = keys(START.plus(Duration.ofHours(25))).claim(tenant, "key-1", "hash-b", next).block(WAIT);

        assertThat(claim.outcome()).isEqualTo(Outcome.NEW);
        assertThat(claim.course().courseId()).isEqualTo(next.courseId()).isNotEqualTo(first.courseId());
    }

    private static IdempotencyKeys keys(Instant now) {
        return new IdempotencyKeys(mongo, documents, PROPERTIES, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String tenant() {
        return "tenant-" + UUID.randomUUID();
    }

    private static CourseRequested course(String tenant) {
        CourseSpec spec = new CourseSpec("Idempotency in practice", "engineers", "beginner", "en", 2, true, null);
        return new CourseRequested(UUID.randomUUID().toString(), tenant, spec, START.truncatedTo(ChronoUnit.MILLIS));
    }
}
