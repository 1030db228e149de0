package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseCancelled;
import io.coursegen.contracts.CoursePartFailed;
import io.coursegen.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

@SpringBootTest(classes = KafkaDefaultsTest.TestApp.class, properties = {
        "spring.kafka.consumer.group-id=kafka-defaults-test",
        "coursegen.kafka.partitions=2",
        "coursegen.kafka.retry.retries=2",
        "coursegen.kafka.retry.initial-interval=10ms",
        "coursegen.kafka.retry.not-retryable=io.coursegen.kafka.KafkaDefaultsTest.HopelessException",
        "coursegen.kafka.retry.withheld-headers=coursegen-api-key",
        "coursegen.kafka.cancellations.enabled=true"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ExtendWith(OutputCaptureExtension.class)
class KafkaDefaultsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    KafkaTemplate<String, Object> template;
    @Autowired
    TestApp app;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MeterRegistry meters;
    @Autowired
    CancelledCourses cancelledCourses;

    @Test
    void aCancellationOnTheTopicIsRememberedAndOtherCoursesAreNotCancelled() {
        CourseCancelled cancelled = new CourseCancelled("c-cancelled", "acme", Instant.now());

        template.send(Topics.COURSE_CANCELLED, cancelled.courseId(), cancelled);

        await().atMost(Duration.ofSeconds(20)).until(() -> cancelledCourses.contains("c-cancelled"));
        assertThat(cancelledCourses.contains("c-running")).isFalse();
    }

    @Test
    void servicesThatDoNotSwitchCancellationsOnGetNoCancellationListener() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CancellationsAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(CancelledCourses.class));
    }

    @Test
    void recordsTravelAsJsonAndArriveAsTheListenersRecordType() {
        CoursePartFailed sent = new CoursePartFailed("c-ok", "outline", "just a test", Instant.now());

        template.send(Topics.COURSE_PART_FAILED, sent.courseId(), sent);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(app.received).contains(sent));
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicAtOnceAndThePartitionKeepsFlowing() {
        try (Producer<String, byte[]> raw = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                new StringSerializer(), new ByteArraySerializer()).createProducer()) {
            ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.COURSE_PART_FAILED, "c-poison",
                    "not json {".getBytes(StandardCharsets.UTF_8));
            poison.headers().add("coursegen-api-key", "a-secret".getBytes(StandardCharsets.UTF_8));
            poison.headers().add("coursegen-tenant", "acme".getBytes(StandardCharsets.UTF_8));
            raw.send(poison);
        }
        CoursePartFailed after = new CoursePartFailed("c-after", "outline", "after the poison", Instant.now());
        template.send(Topics.COURSE_PART_FAILED, after.courseId(), after);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(app.received).contains(after));
        ConsumerRecord<String, byte[]> dead = readDeadLetter("c-poison");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not json {");
        assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_FQCN)).isNotNull();
        assertThat(dead.headers().lastHeader("coursegen-api-key")).as("a withheld header").isNull();
        assertThat(dead.headers().lastHeader("coursegen-tenant")).as("other headers stay").isNotNull();
        assertThat(app.attemptsFor("c-poison")).isZero();
    }

    @Test
    void aListenersLogLinesAreJsonNamingTraceSpanCourseAndTenantAndNothingOutlivesTheRecord(CapturedOutput output) {
        CoursePartFailed logged = new CoursePartFailed("c-logged", "outline", "logged", Instant.now());
        // the tenant of the work in hand on the sending thread, as a listener or the gateway has it
        MDC.put(CourseLogContext.TENANT, "acme");
        try {
            template.send(Topics.COURSE_PART_FAILED, Topics.partKey("c-logged", "lesson:lesson-01"), logged).join();
        } finally {
            MDC.remove(CourseLogContext.TENANT);
        }
        CoursePartFailed unkeyed = new CoursePartFailed("c-unkeyed", "outline", "no key, no tenant", Instant.now());
        template.send(Topics.COURSE_PART_FAILED, unkeyed).join();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(app.received).contains(logged, unkeyed));
        JsonNode line = logLine(output, "Handling course part failure of c-logged");
        assertThat(line.path("courseId").asString()).isEqualTo("c-logged");
        assertThat(line.path("tenant").asString()).isEqualTo("acme");
        assertThat(line.path("traceId").asString()).as("traceId in %s", line).hasSize(32);
        assertThat(line.path("spanId").asString()).as("spanId in %s", line).hasSize(16);
        assertThat(app.logContexts.get("c-unkeyed")).as("what the record before left behind")
                .doesNotContainKeys(CourseLogContext.COURSE_ID, CourseLogContext.TENANT);
    }

    @Test
    void failingRecordIsRetriedThenDeadLetteredAndTheCallbackIsTold(CapturedOutput output) {
        CoursePartFailed failing = new CoursePartFailed("c-fail", "outline", "always fails", Instant.now());

        template.send(Topics.COURSE_PART_FAILED, failing.courseId(), failing);

        await().atMost(Duration.ofSeconds(20)).until(() -> app.deadLettered.contains("c-fail"));
        assertThat(app.attemptsFor("c-fail")).isEqualTo(3);
        ConsumerRecord<String, byte[]> dead = readDeadLetter("c-fail");
        assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value())
                .asString(StandardCharsets.UTF_8).contains("boom");
        assertThat(dead.headers().lastHeader(KafkaHeaders.DELIVERY_ATTEMPT)).as("how often it was tried").isNotNull();
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DELIVERY_ATTEMPT).value()).getInt())
                .isEqualTo(3);
        assertThat(dead.headers().headers("ce_id")).as("the dead letter keeps its source's CloudEvents identity").hasSize(1);
        assertThat(dead.headers().lastHeader("ce_type").value()).asString(StandardCharsets.UTF_8)
                .isEqualTo("io.coursegen.course.part-failed.v1");
        JsonNode deadLettering = logLine(output, "key=c-fail:");
        assertThat(deadLettering.path("courseId").asString()).as("the error handler's line names the course")
                .isEqualTo("c-fail");
        assertThat(deadLettering.path("traceId").asString()).hasSize(32);
    }

    /** The one JSON log line whose message contains {@code message}. */
    private static JsonNode logLine(CapturedOutput output, String message) {
        List<JsonNode> lines = output.getOut().lines()
                .filter(line -> line.startsWith("{"))
                .map(JSON::readTree)
                .filter(line -> line.path("message").asString("").contains(message))
                .toList();
        assertThat(lines).as("log lines with '%s'", message).hasSize(1);
        return lines.get(0);
    }

    @Test
    void failureConfiguredAsNotRetryableIsDeadLetteredAfterOneAttempt() {
        CoursePartFailed hopeless = new CoursePartFailed("c-hopeless", "outline", "cannot be fixed by retrying", Instant.now());

        template.send(Topics.COURSE_PART_FAILED, hopeless.courseId(), hopeless);

        await().atMost(Duration.ofSeconds(20)).until(() -> app.deadLettered.contains("c-hopeless"));
        assertThat(app.attemptsFor("c-hopeless")).isEqualTo(1);
        assertThat(meters.counter("coursegen.kafka.dead.letters", "topic", Topics.COURSE_PART_FAILED).count())
                .as("dead letters are counted by source topic").isPositive();
    }

    /** Stands in for a failure another attempt cannot fix. */
    static class HopelessException extends RuntimeException {
        HopelessException(String message) {
            super(message);
        }
    }

    private ConsumerRecord<String, byte[]> readDeadLetter(String key) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlt-reader-" + key, false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(Topics.COURSE_PART_FAILED + Topics.DEAD_LETTER_SUFFIX));
            List<ConsumerRecord<String, byte[]>> found = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    @SpringBootApplication
    static class TestApp {
        private static final Logger log = LoggerFactory.getLogger(TestApp.class);

        final List<CoursePartFailed> received = new CopyOnWriteArrayList<>();
        final List<String> attempts = new CopyOnWriteArrayList<>();
        final List<String> deadLettered = new CopyOnWriteArrayList<>();
        final Map<String, Map<String, String>> logContexts = new ConcurrentHashMap<>();

        @KafkaListener(topics = Topics.COURSE_PART_FAILED)
        void on(CoursePartFailed event) {
            log.info("Handling course part failure of {}", event.courseId());
            Map<String, String> context = MDC.getCopyOfContextMap();
            logContexts.put(event.courseId(), context == null ? Map.of() : context);
            attempts.add(event.courseId());
            if (event.courseId().equals("c-fail")) {
                throw new IllegalStateException("boom");
            }
            if (event.courseId().equals("c-hopeless")) {
                throw new HopelessException("no retry can fix this");
            }
            received.add(event);
        }

        long attemptsFor(String courseId) {
            return attempts.stream().filter(courseId::equals).count();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        DeadLetterCallback recordDeadLetters() {
            return (record, cause) -> deadLettered.add(String.valueOf(record.key()));
        }
    }
}
