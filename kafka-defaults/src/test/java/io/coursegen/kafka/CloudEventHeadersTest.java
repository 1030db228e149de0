package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CoursePartFailed;
import io.coursegen.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.json.JsonMapper;

/** Records sent through the auto-configured KafkaTemplate, read back with a plain consumer. */
@SpringBootTest(classes = CloudEventHeadersTest.ProducingApp.class, properties = {
        "spring.application.name=outline-service",
        "coursegen.kafka.partitions=1"})
@EmbeddedKafka(partitions = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class CloudEventHeadersTest {

    @Autowired
    KafkaTemplate<String, Object> template;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    JsonMapper json;

    @Test
    void everyRecordCarriesTheCloudEventsAttributesAsBinaryModeHeaders() {
        Instant before = Instant.now();
        CoursePartFailed failed = new CoursePartFailed("c-ce", "outline", "offline", before);

        template.send(Topics.COURSE_PART_FAILED, failed.courseId(), failed).join();

        ConsumerRecord<String, String> record = read(Topics.COURSE_PART_FAILED, 1).get(0);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isNotBlank();
        assertThat(header(record, "ce_source")).isEqualTo("/coursegen/outline-service");
        assertThat(header(record, "ce_type")).isEqualTo("io.coursegen.course.part-failed.v1");
        assertThat(header(record, "ce_subject")).isEqualTo("c-ce");
        assertThat(OffsetDateTime.parse(header(record, "ce_time")).toInstant()).isBetween(before, Instant.now());
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(json.readValue(record.value(), CoursePartFailed.class))
                .as("binary mode: the value is the plain JSON record").isEqualTo(failed);
    }

    @Test
    void twoRecordsGetDifferentIdsAndAWorkRequestsSubjectIsItsCourse() {
        template.send(Topics.LESSON_REQUESTED, Topics.partKey("c-two", "lesson:lesson-01"), Map.of("n", 1)).join();
        template.send(Topics.LESSON_REQUESTED, Topics.partKey("c-two", "lesson:lesson-02"), Map.of("n", 2)).join();

        List<ConsumerRecord<String, String>> records = read(Topics.LESSON_REQUESTED, 2);
        assertThat(records).extracting(r -> header(r, "ce_id")).doesNotHaveDuplicates().hasSize(2);
        assertThat(records).extracting(r -> header(r, "ce_subject")).containsOnly("c-two");
        assertThat(records).extracting(r -> header(r, "ce_type")).containsOnly("io.coursegen.lesson.requested.v1");
    }

    @Test
    void anAttributeTheProducerSetItselfIsKeptNotDuplicated() {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.COURSE_STATUS, "c-own", Map.of("n", 3));
        record.headers().add(new RecordHeader("ce_type", "io.coursegen.course.completed.v1".getBytes(StandardCharsets.UTF_8)));

        template.send(record).join();

        ConsumerRecord<String, String> received = read(Topics.COURSE_STATUS, 1).get(0);
        assertThat(received.headers().headers("ce_type")).hasSize(1);
        assertThat(header(received, "ce_type")).isEqualTo("io.coursegen.course.completed.v1");
        assertThat(header(received, "ce_id")).isNotBlank();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<String, String>> read(String topic, int count) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "reader-" + topic, false);
        try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new StringDeserializer()).createConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                return found.size() >= count;
            });
            return found;
        }
    }

    @SpringBootApplication
    static class ProducingApp {
    }
}
