package io.coursegen.storage.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.slots.TenantSlots;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

class CourseExportsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ExportProperties LIMITS = new ExportProperties(4, 2, Duration.ofSeconds(30));

    private final ExportFixtures fixtures = new ExportFixtures();
    private final LessonMarkdown markdown = new LessonMarkdown();
    private final ExportFormats formats = new ExportFormats(List.of(new JsonExporter(JsonMapper.builder().build()),
            new MarkdownExporter(markdown), new HtmlExporter(markdown), new Scorm12Exporter(markdown)));

    private MongoServer server;
    private MongoClient client;
    private TenantSlots slots;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        slots = new TenantSlots(new ReactiveMongoTemplate(client, "exports-test"), Clock.systemUTC(),
                Schedulers.parallel());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void streamsTheSameBytesTheExporterWritesUnderTheCoursesFileName() {
        CourseExports exports = new CourseExports(formats, fixtures.pictures(), LIMITS, slots);

        Export export = exports.export("scorm12", Mono.just(fixtures.course)).block(WAIT);

        assertThat(export.fileName()).isEqualTo("quantum-computing-gently-scorm12.zip");
        assertThat(export.contentDisposition().toString())
                .isEqualTo("attachment; filename=\"quantum-computing-gently-scorm12.zip\"");
        byte[] streamed = DataBufferUtils.join(export.body()).map(CourseExportsTest::bytes).block(WAIT);
        assertThat(streamed).isEqualTo(fixtures.export(new Scorm12Exporter(markdown)));
    }

    @ParameterizedTest
    @EnumSource(value = CourseStatus.class, names = "COMPLETED", mode = EnumSource.Mode.EXCLUDE)
    void onlyACompletedCourseIsExported(CourseStatus status) {
        CourseExports exports = new CourseExports(formats, fixtures.pictures(), LIMITS, slots);

        StepVerifier.create(exports.export("html", Mono.just(withStatus(fixtures.course, status))))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(CourseNotExportableException.class);
                    ErrorResponseException problem = (ErrorResponseException) error;
                    assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(problem.getBody().getDetail()).isEqualTo(status.isFinal()
                            ? "Course is " + status + "; only COMPLETED courses can be exported"
                            : "Course is " + status + "; exports are available once it is COMPLETED");
                })
                .verify(WAIT);
    }

    @Test
    void anUnknownFormatIsRefusedBeforeTheCourseIsRead() {
        AtomicBoolean read = new AtomicBoolean();
        CourseExports exports = new CourseExports(formats, fixtures.pictures(), LIMITS, slots);

        StepVerifier.create(exports.export("pdf", Mono.fromCallable(() -> {
                    read.set(true);
                    return fixtures.course;
                })))
                .expectError(UnknownExportFormatException.class)
                .verify(WAIT);
        assertThat(read).isFalse();
    }

    @Test
    void unreadablePicturesAreARetryableProblemBeforeAnyByteIsSent() {
        PictureSource broken = new PictureSource() {
            @Override
            public void checkReadable(List<ExportedCourse.Picture> pictures) throws IOException {
                throw new IOException("connection refused");
            }

            @Override
            public byte[] bytes(ExportedCourse.Picture picture) throws IOException {
                throw new IOException("connection refused");
            }
        };
        CourseExports exports = new CourseExports(formats, broken, LIMITS, slots);

        StepVerifier.create(exports.export("markdown", Mono.just(fixtures.course)))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(MediaUnavailableException.class);
                    assertThat(((ErrorResponseException) error).getStatusCode())
                            .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                })
                .verify(WAIT);
        // the JSON export carries no picture bytes, so it does not depend on S3
        assertThat(exports.export("json", Mono.just(fixtures.course)).block(WAIT).fileName())
                .isEqualTo("quantum-computing-gently.json");
    }

    private static byte[] bytes(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        DataBufferUtils.release(buffer);
        return bytes;
    }

    @Test
    void aTenantStreamsOnlySoManyExportsAtOnceWhileOthersAndLaterOnesGoOn() {
        CourseExports exports = new CourseExports(formats, fixtures.pictures(), LIMITS, slots);
        List<Disposable> slowReaders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Export export = exports.export("scorm12", Mono.just(fixtures.course)).block(WAIT);
            // a client that is connected but reads nothing (the fixture's export fits in one chunk)
            slowReaders.add(export.body().subscribe(DataBufferUtils::release, error -> { }, () -> { },
                    subscription -> { }));
        }

        StepVerifier.create(exports.export("html", Mono.just(fixtures.course)))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(TooManyExportsException.class);
                    ErrorResponseException problem = (ErrorResponseException) error;
                    assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(problem.getHeaders().getFirst("Retry-After")).isEqualTo("10");
                })
                .verify(WAIT);
        StoredCourse othersCourse = withTenant(fixtures.course, "another-tenant");
        assertThat(DataBufferUtils.join(exports.export("json", Mono.just(othersCourse)).block(WAIT).body())
                .map(CourseExportsTest::bytes).block(WAIT)).as("another tenant's export").isNotEmpty();

        slowReaders.get(0).dispose();

        // the slot is given back without waiting for MongoDB
        await().atMost(WAIT).untilAsserted(() -> assertThat(DataBufferUtils.join(exports.export("json",
                Mono.just(fixtures.course)).block(WAIT).body()).map(CourseExportsTest::bytes).block(WAIT))
                .as("once one of them stopped").isNotEmpty());
        slowReaders.forEach(Disposable::dispose);
    }

    private static StoredCourse withTenant(StoredCourse c, String tenantId) {
        return new StoredCourse(c.courseId(), tenantId, c.status(), c.spec(), c.outline(), c.lessons(), c.images(),
                c.outlineUsage(), c.failures(), c.revision(), c.partsDone(), c.partsTotal(), c.error(), c.createdAt(),
                c.updatedAt(), null);
    }

    private static StoredCourse withStatus(StoredCourse c, CourseStatus status) {
        return new StoredCourse(c.courseId(), c.tenantId(), status, c.spec(), c.outline(), c.lessons(), c.images(),
                c.outlineUsage(), c.failures(), c.revision(), c.partsDone(), c.partsTotal(), c.error(), c.createdAt(),
                c.updatedAt(), null);
    }
}
