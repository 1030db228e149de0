package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * A service with a record secret, named content-service, so it owns {@code lesson.generated}: what it sends is signed,
 * and of what others write there only a record signed by content-service reaches its listener or its
 * {@link PublishedParts}. One partition, so "after" means after.
 */
@SpringBootTest(classes = RecordProvenanceListenerTest.TestApp.class, properties = {
        "spring.application.name=content-service",
        "spring.kafka.consumer.group-id=" + RecordProvenanceListenerTest.GROUP,
        "coursegen.kafka.partitions=1",
        "coursegen.kafka.record-secret=" + RecordProvenanceListenerTest.SECRET})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ExtendWith(OutputCaptureExtension.class)
class RecordProvenanceListenerTest {

    static final String SECRET = "record-provenance-listener-test-0123456789";
    static final String GROUP = "record-provenance-test";
    private static final String OTHER_SECRET = "a-secret-that-is-not-this-platforms-0123456789";
    private static final byte[] VALUE = "{\"courseId\":\"forged-lesson-body\"}".getBytes(StandardCharsets.UTF_8);

    @Autowired
    KafkaTemplate<String, Object> template;
    @Autowired
    TestApp app;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ProvenanceCheck provenanceCheck;

    @Test
    void aRecordThisServiceSendsIsSignedAsItAndReachesTheListenersOfItsTopic() {
        template.send(Topics.LESSON_GENERATED, "c-signed", Map.of("courseId", "c-signed")).join();

        ConsumerRecord<String, byte[]> received = app.awaitLesson("c-signed");
        assertThat(RecordProvenance.producerOf(received.headers())).isEqualTo("content-service");
        assertThat(received.headers().lastHeader(RecordSigning.KEY_BYTES_HEADER)).as("stays in the producer").isNull();
        assertThat(new RecordProvenance(SECRET).check(received.topic(), received.headers(),
                received.key().getBytes(StandardCharsets.UTF_8), received.value())).isEmpty();
    }

    @Test
    void unsignedForgedAndNonOwnerRecordsAreSkippedCountedLoggedCommittedAndNotDeadLettered(CapturedOutput output)
            throws Exception {
        double unsigned = refused("unsigned");
        double badSignature = refused("bad-signature");
        double notOwner = refused("not-owner");
        RecordProvenance platform = new RecordProvenance(SECRET);

        ProducerRecord<String, byte[]> forged = record("c-forged");
        forged.headers().add(RecordProvenance.PRODUCER_HEADER, "content-service".getBytes(StandardCharsets.UTF_8));
        forged.headers().add(RecordProvenance.SIGNATURE_HEADER,
                ("v1:" + Base64.getUrlEncoder().encodeToString(new byte[32])).getBytes(StandardCharsets.US_ASCII));
        ProducerRecord<String, byte[]> otherSecret = record("c-other-secret");
        new RecordProvenance(OTHER_SECRET).sign(otherSecret, "content-service");
        ProducerRecord<String, byte[]> notTheOwner = record("c-not-owner");
        platform.sign(notTheOwner, "image-service");
        ProducerRecord<String, byte[]> after = record("c-after");
        platform.sign(after, "content-service");
        ProducerRecord<String, byte[]> lastUnsigned = record("c-last-unsigned");

        List<RecordMetadata> refusedRecords;
        RecordMetadata last;
        try (Producer<String, byte[]> raw = rawProducer()) {
            RecordMetadata first = raw.send(record("c-unsigned")).get();
            refusedRecords = List.of(first, raw.send(forged).get(), raw.send(otherSecret).get(),
                    raw.send(notTheOwner).get());
            raw.send(after).get();
            last = raw.send(lastUnsigned).get();
        }

        app.awaitLesson("c-after");
        awaitCommittedPast(last);
        assertThat(app.lessons).extracting(ConsumerRecord::key)
                .doesNotContain("c-unsigned", "c-forged", "c-other-secret", "c-not-owner", "c-last-unsigned");
        assertThat(refused("unsigned") - unsigned).isEqualTo(2);
        assertThat(refused("bad-signature") - badSignature).isEqualTo(2);
        assertThat(refused("not-owner") - notOwner).isEqualTo(1);
        assertThat(deadLetters(Topics.LESSON_GENERATED)).as("nothing dead-lettered").isZero();
        for (RecordMetadata refusedRecord : refusedRecords) {
            assertThat(output.getOut().lines()
                    .filter(line -> line.contains("Ignoring record topic=lesson.generated partition=0 offset="
                            + refusedRecord.offset() + " "))).as("offset %d", refusedRecord.offset()).hasSize(1);
        }
        assertThat(output.getOut()).contains("producer=image-service: not-owner").doesNotContain("forged-lesson-body");
    }

    @Test
    void aRecordOnATopicWithoutOwnersNeedsNoSignature() throws Exception {
        try (Producer<String, byte[]> raw = rawProducer()) {
            raw.send(new ProducerRecord<>(Topics.COURSE_REQUESTS, "req-unsigned", VALUE)).get();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> app.requests.contains("req-unsigned"));
    }

    @Test
    void theServicesMemoryOfItsPublishedResultsTakesOnlyItsOwnSignedRecords() throws Exception {
        try (Producer<String, byte[]> raw = rawProducer()) {
            raw.send(record("c-published-forged")).get();
        }
        template.send(Topics.LESSON_GENERATED, "c-published-signed", Map.of("courseId", "c-published-signed")).join();
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringDeserializer(), new ByteArrayDeserializer());
        PublishedParts parts = new PublishedParts(Topics.LESSON_GENERATED, ConsumerRecord::key, consumers,
                new ProvenanceCheck(new RecordProvenance(SECRET), new SimpleMeterRegistry()), Duration.ofHours(24),
                Duration.ofSeconds(30), 1_000);

        parts.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> parts.contains("c-published-signed"));
            assertThat(parts.contains("c-published-forged")).as("read before the signed one, and refused").isFalse();
        } finally {
            parts.stop();
        }
        // the listener is done with both too, so no other test counts this one's refusal
        app.awaitLesson("c-published-signed");
    }

    private static ProducerRecord<String, byte[]> record(String key) {
        return new ProducerRecord<>(Topics.LESSON_GENERATED, key, VALUE);
    }

    private Producer<String, byte[]> rawProducer() {
        return new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new ByteArraySerializer()).createProducer();
    }

    private double refused(String reason) {
        return meters.counter(ProvenanceCheck.REFUSED_METER, "topic", Topics.LESSON_GENERATED, "reason", reason).count();
    }

    private void awaitCommittedPast(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    private long deadLetters(String topic) throws Exception {
        TopicPartition dlt = new TopicPartition(topic + Topics.DEAD_LETTER_SUFFIX, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            return admin.listOffsets(Map.of(dlt, OffsetSpec.latest())).partitionResult(dlt).get().offset();
        }
    }

    @SpringBootApplication
    static class TestApp {

        final List<ConsumerRecord<String, byte[]>> lessons = new CopyOnWriteArrayList<>();
        final List<String> requests = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = Topics.LESSON_GENERATED)
        void onLesson(ConsumerRecord<String, byte[]> record) {
            lessons.add(record);
        }

        @KafkaListener(topics = Topics.COURSE_REQUESTS)
        void onRequest(ConsumerRecord<String, byte[]> record) {
            requests.add(record.key());
        }

        ConsumerRecord<String, byte[]> awaitLesson(String key) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> lessons.stream().anyMatch(record -> key.equals(record.key())));
            return lessons.stream().filter(record -> key.equals(record.key())).findFirst().orElseThrow();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
