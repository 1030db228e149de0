package io.coursegen.storage.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.testkit.MovableClock;
import io.coursegen.storage.slots.TenantSlots;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two storage instances, each with its own {@link CourseExports}, sharing one MongoDB: a tenant's export limit holds
 * across both, and slots a crashed instance held come back after their lease.
 */
class ExportSlotsAcrossInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final ExportProperties LIMITS = new ExportProperties(4, 2, LEASE);
    private static final Instant START = Instant.parse("2026-12-03T12:00:00Z");

    private final ExportFixtures fixtures = new ExportFixtures();
    private final LessonMarkdown markdown = new LessonMarkdown();
    private final ExportFormats formats = new ExportFormats(List.of(new JsonExporter(JsonMapper.builder().build()),
            new MarkdownExporter(markdown), new HtmlExporter(markdown), new Scorm12Exporter(markdown)));
    private final MovableClock clock = new MovableClock(START);
    private final List<Disposable> readers = new ArrayList<>();

    private MongoServer server;
    private MongoClient client;
    private ReactiveMongoTemplate mongo;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        mongo = new ReactiveMongoTemplate(client, "slots-test");
    }

    @AfterEach
    void stop() {
        readers.forEach(Disposable::dispose);
        client.close();
        server.shutdownNow();
    }

    @Test
    void aTenantsThirdExportAcrossTwoInstancesIsRefusedWhileAnotherTenantIsServed() {
        CourseExports first = instance(Schedulers.parallel());
        CourseExports second = instance(Schedulers.parallel());
        readSlowly(first, fixtures.course);
        readSlowly(second, fixtures.course);

        StepVerifier.create(first.export("html", Mono.just(fixtures.course)))
                .expectError(TooManyExportsException.class)
                .verify(WAIT);
        StepVerifier.create(second.export("json", Mono.just(fixtures.course)))
                .expectError(TooManyExportsException.class)
                .verify(WAIT);
        assertThat(download(second, withTenant(fixtures.course, "another-tenant"))).as("another tenant's export")
                .isNotEmpty();
        // the other tenant's slot is given back at the end of its download
        await().atMost(WAIT).until(this::slotsHeld, held -> held == 2);
    }

    @Test
    void aSlotGivenBackOnOneInstanceIsFreeOnTheOther() {
        CourseExports first = instance(Schedulers.parallel());
        CourseExports second = instance(Schedulers.parallel());
        Disposable reader = readSlowly(first, fixtures.course);
        readSlowly(second, fixtures.course);

        reader.dispose();

        await().atMost(WAIT).until(this::slotsHeld, held -> held == 1);
        assertThat(download(second, fixtures.course)).isNotEmpty();
        await().atMost(WAIT).until(this::slotsHeld, held -> held == 1);
        StepVerifier.create(first.export("json", Mono.just(fixtures.course)))
                .as("the download that took the freed slot ended, so it is free again")
                .expectNextCount(1)
                .verifyComplete();
    }

    @Test
    void theSlotsOfAnInstanceThatStoppedRenewingAreFreeAfterTheirLease() {
        // its renewal timers never fire, as if it had crashed with both downloads open
        CourseExports stopped = instance(VirtualTimeScheduler.create());
        CourseExports survivor = instance(Schedulers.parallel());
        readSlowly(stopped, fixtures.course);
        readSlowly(stopped, fixtures.course);

        clock.set(START.plus(LEASE).minusSeconds(1));
        StepVerifier.create(survivor.export("json", Mono.just(fixtures.course)))
                .as("within the lease")
                .expectError(TooManyExportsException.class)
                .verify(WAIT);

        clock.set(START.plus(LEASE));
        assertThat(download(survivor, fixtures.course)).as("once the lease ended").isNotEmpty();
    }

    @Test
    void aSlotRenewedWhileItsDownloadRunsOutlivesItsFirstLease() {
        VirtualTimeScheduler timers = VirtualTimeScheduler.create();
        CourseExports holder = instance(timers);
        CourseExports other = instance(Schedulers.parallel());
        readSlowly(holder, fixtures.course);
        readSlowly(holder, fixtures.course);

        clock.set(START.plus(LEASE.dividedBy(3)));
        timers.advanceTimeBy(LEASE.dividedBy(3));
        Date renewedUntil = Date.from(START.plus(LEASE.dividedBy(3)).plus(LEASE));
        await().atMost(WAIT).until(() -> expiries().stream().allMatch(renewedUntil::equals));

        clock.set(START.plus(LEASE).plusSeconds(1));
        StepVerifier.create(other.export("json", Mono.just(fixtures.course)))
                .as("past the first lease, renewed")
                .expectError(TooManyExportsException.class)
                .verify(WAIT);
        clock.set(renewedUntil.toInstant());
        assertThat(download(other, fixtures.course)).as("the renewal ran out too").isNotEmpty();
    }

    private CourseExports instance(Scheduler renewals) {
        return new CourseExports(formats, fixtures.pictures(), LIMITS, new TenantSlots(mongo, clock, renewals));
    }

    /**
     * A client that is connected but reads nothing, so its export keeps its slot (the fixture's export fits in one
     * chunk: a client that took one would already be done).
     */
    private Disposable readSlowly(CourseExports exports, StoredCourse course) {
        Export export = exports.export("scorm12", Mono.just(course)).block(WAIT);
        Disposable reader = export.body().subscribe(DataBufferUtils::release, error -> { }, () -> { },
                subscription -> { });
        readers.add(reader);
        return reader;
    }

    private static byte[] download(CourseExports exports, StoredCourse course) {
        return DataBufferUtils.join(exports.export("json", Mono.just(course)).block(WAIT).body())
                .map(ExportSlotsAcrossInstancesTest::bytes).block(WAIT);
    }

    private long slotsHeld() {
        return mongo.getCollection("tenant_slots").flatMap(slots -> Mono.from(slots.countDocuments())).block(WAIT);
    }

    private List<Date> expiries() {
        return mongo.findAll(Document.class, "tenant_slots").map(slot -> slot.getDate("expiresAt"))
                .collectList().block(WAIT);
    }

    private static byte[] bytes(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    private static StoredCourse withTenant(StoredCourse c, String tenantId) {
        return new StoredCourse(c.courseId(), tenantId, c.status(), c.spec(), c.outline(), c.lessons(), c.images(),
                c.outlineUsage(), c.failures(), c.revision(), c.partsDone(), c.partsTotal(), c.error(), c.createdAt(),
                c.updatedAt(), null);
    }
}
