package io.coursegen.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.TopicOwners;
import io.coursegen.contracts.Topics;
import io.coursegen.kafka.RecordProvenance;
import io.coursegen.testkit.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.TestPropertySource;

/**
 * content-service with a record secret, on a broker without ACLs where anyone can write {@code lesson.requested}:
 * it writes lessons only for requests outline-service or storage-service signed, signs what it publishes, and does
 * not take a forged lesson on its own output topic for one it wrote.
 */
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestPropertySource(properties = {
        "coursegen.llm.provider=offline",
        "coursegen.llm.offline.chat-latency=0ms",
        "coursegen.kafka.record-secret=" + EmbeddedKafkaRecordProvenanceTest.SECRET})
class EmbeddedKafkaRecordProvenanceTest extends ContentServiceScenario {

    static final String SECRET = "content-service-test-record-secret-0123456789";
    private static final RecordProvenance PLATFORM = new RecordProvenance(SECRET);

    @Autowired
    MeterRegistry meters;

    @Test
    void onlyRequestsItsOwnersSignedAreWrittenAndTheRecordsAfterTheIgnoredOnesAreServed() throws Exception {
        LessonRequested unsigned = request();
        LessonRequested forged = request();
        LessonRequested notAnOwner = request();
        LessonRequested otherSecret = request();
        LessonRequested fromOutline = request();
        LessonRequested fromStorage = request();
        double refusedBefore = refused(Topics.LESSON_REQUESTED);

        // one partition, so the signed requests queue behind the ignored ones
        publishSigned(unsigned, null, null);
        ProducerRecord<String, byte[]> badSignature = record(forged);
        badSignature.headers().add(RecordProvenance.PRODUCER_HEADER, TopicOwners.OUTLINE.getBytes(StandardCharsets.UTF_8));
        badSignature.headers().add(RecordProvenance.SIGNATURE_HEADER,
                ("v1:" + Base64.getUrlEncoder().encodeToString(new byte[32])).getBytes(StandardCharsets.US_ASCII));
        publish(badSignature);
        publishSigned(notAnOwner, PLATFORM, TopicOwners.IMAGE);
        publishSigned(otherSecret, new RecordProvenance("not-the-platforms-record-secret-0123456789"), TopicOwners.OUTLINE);
        publishSigned(fromOutline, PLATFORM, TopicOwners.OUTLINE);
        RecordMetadata last = publishSigned(fromStorage, PLATFORM, TopicOwners.STORAGE);

        for (LessonRequested served : List.of(fromOutline, fromStorage)) {
            topics.awaitRecords(served.courseId(), r -> r.count(Topics.LESSON_GENERATED) == 1);
            ConsumerRecord<String, String> lesson = TopicReader.recordsSoFar(bootstrapServers, Topics.LESSON_GENERATED,
                    served.courseId()).get(0);
            assertThat(PLATFORM.check(lesson.topic(), lesson.headers(), lesson.key().getBytes(StandardCharsets.UTF_8),
                    lesson.value().getBytes(StandardCharsets.UTF_8))).as("signed as content-service").isEmpty();
        }
        awaitCommittedPast(last);
        for (LessonRequested ignored : List.of(unsigned, forged, notAnOwner, otherSecret)) {
            for (String topic : List.of(Topics.LESSON_GENERATED, Topics.COURSE_PART_FAILED, DEAD_LETTERS)) {
                assertThat(TopicReader.recordsSoFar(bootstrapServers, topic, ignored.courseId()))
                        .as("%s for the ignored request of %s", topic, ignored.courseId()).isEmpty();
            }
        }
        assertThat(refused(Topics.LESSON_REQUESTED) - refusedBefore).isEqualTo(4);
    }

    @Test
    void aForgedLessonOnItsOutputTopicDoesNotPassForOneItWrote() throws Exception {
        LessonRequested request = request();
        double refusedBefore = refused(Topics.LESSON_GENERATED);
        // what content-service would publish for this request, but from anyone: unsigned
        publish(new ProducerRecord<>(Topics.LESSON_GENERATED, request.courseId(), json.writeValueAsBytes(Map.of(
                "courseId", request.courseId(), "lessonId", request.lesson().lessonId(),
                "lesson", Map.of("title", "Forged")))));
        // the service's memory of its published lessons has read it, and refused it
        await().atMost(Duration.ofSeconds(20)).until(() -> refused(Topics.LESSON_GENERATED) > refusedBefore);

        publishSigned(request, PLATFORM, TopicOwners.OUTLINE);

        topics.awaitRecords(request.courseId(), r -> r.count(Topics.LESSON_GENERATED) == 2);
        assertThat(TopicReader.recordsSoFar(bootstrapServers, Topics.LESSON_GENERATED, request.courseId()))
                .extracting(lesson -> RecordProvenance.producerOf(lesson.headers()))
                .as("the forged lesson, then the one content-service wrote").containsExactly(null, "content-service");
    }

    private static LessonRequested request() {
        return lessonRequest("course-" + UUID.randomUUID(), "Light", false, "en");
    }

    private ProducerRecord<String, byte[]> record(LessonRequested request) {
        return new ProducerRecord<>(Topics.LESSON_REQUESTED, 0, request.courseId(), json.writeValueAsBytes(request));
    }

    /** Signed by {@code producer} with {@code provenance}'s secret; with none, unsigned. */
    private RecordMetadata publishSigned(LessonRequested request, RecordProvenance provenance, String producer)
            throws Exception {
        ProducerRecord<String, byte[]> record = record(request);
        if (provenance != null) {
            provenance.sign(record, producer);
        }
        return publish(record);
    }

    private RecordMetadata publish(ProducerRecord<String, byte[]> record) throws Exception {
        try (Producer<String, byte[]> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(record).get();
        }
    }

    private double refused(String topic) {
        return meters.find("coursegen.kafka.records.refused").tag("topic", topic).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }
}
