package io.coursegen.outline;

import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Topics;
import io.coursegen.testkit.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service as deployed, fed and read through Kafka only. Subclasses choose the broker (embedded or
 * a container) and the LLM provider.
 */
@SpringBootTest(properties = {
        "spring.config.name=outline-service",
        "coursegen.kafka.partitions=2",
        "coursegen.kafka.retry.retries=1",
        "coursegen.kafka.retry.initial-interval=100ms"})
abstract class OutlineServiceScenario {

    static final String TENANT = "tenant-a";

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Autowired
    JsonMapper json;

    TopicReader topics;

    @BeforeEach
    void readOutputs() {
        topics = new TopicReader(bootstrapServers, json, Topics.COURSE_OUTLINED, Topics.LESSON_REQUESTED,
                Topics.IMAGE_REQUESTED, Topics.COURSE_PART_FAILED, Topics.COURSE_ADMITTED + Topics.DEAD_LETTER_SUFFIX);
    }

    @AfterEach
    void closeReader() {
        topics.close();
    }

    /** Publishes a record as JSON text keyed by courseId, as any producer could, and says where it landed. */
    RecordMetadata publish(String topic, String courseId, Object value) throws Exception {
        try (Producer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, courseId, json.writeValueAsString(value))).get();
        }
    }

    /** Waits until the service's consumer group has committed past this record: it is done with it. */
    void awaitCommittedPast(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("outline-service")
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    /** Publishes a course request as JSON text, as any producer in any language could. */
    CourseRequested request(String topic, int lessons) throws Exception {
        return request(topic, lessons, "en");
    }

    CourseRequested request(String topic, int lessons, String language) throws Exception {
        return request(new CourseSpec(topic, "curious adults", "beginner", language, lessons, true, "flat illustration"));
    }

    CourseRequested request(CourseSpec spec) throws Exception {
        CourseRequested request = new CourseRequested("course-" + UUID.randomUUID(), TENANT, spec, Instant.now());
        try (Producer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.COURSE_ADMITTED, request.courseId(), json.writeValueAsString(request)))
                    .get();
        }
        return request;
    }
}
