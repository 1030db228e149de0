package io.coursegen.content;

import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.contracts.Topics;
import io.coursegen.testkit.TopicReader;
import java.time.Duration;
import java.util.List;
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
        "spring.config.name=content-service",
        "coursegen.kafka.partitions=2",
        "coursegen.kafka.retry.retries=1",
        "coursegen.kafka.retry.initial-interval=100ms"})
abstract class ContentServiceScenario {

    static final String COURSE_TITLE = "Light into sugar";
    static final String DEAD_LETTERS = Topics.LESSON_REQUESTED + Topics.DEAD_LETTER_SUFFIX;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Autowired
    JsonMapper json;

    TopicReader topics;

    @BeforeEach
    void readOutputs() {
        topics = new TopicReader(bootstrapServers, json, Topics.LESSON_GENERATED, Topics.COURSE_PART_FAILED, DEAD_LETTERS);
    }

    @AfterEach
    void closeReader() {
        topics.close();
    }

    /** Publishes the request for the first of three lessons as JSON text, as outline-service would. */
    LessonRequested request(String lessonTitle, boolean includeQuiz) throws Exception {
        return request(lessonTitle, includeQuiz, "en");
    }

    LessonRequested request(String lessonTitle, boolean includeQuiz, String language) throws Exception {
        LessonRequested request = lessonRequest("course-" + UUID.randomUUID(), lessonTitle, includeQuiz, language);
        send(request.courseId(), json.writeValueAsString(request));
        return request;
    }

    static LessonRequested lessonRequest(String courseId, String lessonTitle, boolean includeQuiz, String language) {
        CourseSpec spec = new CourseSpec("Photosynthesis", "gardeners", "beginner", language, 3, includeQuiz, "watercolour");
        OutlineLesson lesson = new OutlineLesson("lesson-01", 1, lessonTitle, "How leaves turn light into energy.",
                List.of("Explain how chlorophyll absorbs light"), List.of("chlorophyll", "light spectrum"), 15,
                "What a plant takes in");
        return new LessonRequested(courseId, "tenant-a", COURSE_TITLE, spec, lesson, null, "Water, roots and stomata");
    }

    void send(String key, String value) throws Exception {
        publish(Topics.LESSON_REQUESTED, key, value);
    }

    /** Publishes JSON text as any producer could, and says where it landed. */
    RecordMetadata publish(String topic, String key, String value) throws Exception {
        try (Producer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Waits until the service's consumer group has committed past this record: it is done with it. */
    void awaitCommittedPast(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("content-service")
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }
}
