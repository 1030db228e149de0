package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.Topics;
import io.coursegen.local.LocalPlatform;
import io.coursegen.local.PlatformSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A course cancelled by its owner while its lessons are being written, on the offline provider slowed to 2 s per
 * text so that the course is still running when the cancel arrives: the course ends CANCELLED, its progress
 * stream says so, and no lesson is written for it after the cancel beyond those already being written.
 */
class CancellationEndToEndTest {

    private static final String API_KEY = "acme-cancel-key-0123456789abcd";
    private static final int LESSONS = 4;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(PlatformSettings.ephemeral("acme=" + API_KEY, Map.of(
                "coursegen.llm.provider", "offline",
                "coursegen.llm.offline.chat-latency", "2s",
                "coursegen.kafka.partitions", "2")));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void aCourseCancelledWhileItsLessonsAreWrittenEndsCancelledAndNoFurtherLessonIsWritten() {
        WebClient gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", API_KEY).build();
        String courseId = gateway.post().uri("/api/v1/courses").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("topic", "Beekeeping for city dwellers", "lessonCount", LESSONS))
                .retrieve().bodyToMono(JsonNode.class).block(WAIT).path("courseId").asString();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> status(gateway, courseId).equals("GENERATING"));

        Instant cancelledAt = Instant.now();
        var cancel = gateway.delete().uri("/api/v1/courses/{id}", courseId).retrieve().toEntity(JsonNode.class)
                .block(WAIT);

        assertThat(cancel.getStatusCode().value()).isEqualTo(202);
        assertThat(cancel.getBody().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(status(gateway, courseId)).isEqualTo("CANCELLED");
        List<JsonNode> progress = gateway.get().uri("/api/v1/courses/{id}/events", courseId)
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .filter(event -> event.data() != null)
                .map(event -> JSON.readTree(event.data()))
                .collectList().block(WAIT);
        assertThat(progress).last().satisfies(last -> assertThat(last.path("status").asString()).isEqualTo("CANCELLED"));

        // once content-service has taken every lesson request (written or skipped), count what was written
        awaitConsumed("content-service", Topics.LESSON_REQUESTED);
        List<ConsumerRecord<String, String>> lessons = records(Topics.LESSON_GENERATED, courseId);
        int inFlight = Integer.parseInt(contentService().getProperty("spring.kafka.listener.concurrency"));
        assertThat(lessons.stream().filter(lesson -> lesson.timestamp() > cancelledAt.toEpochMilli()))
                .as("lessons finished after the cancel: only those already being written").hasSizeLessThanOrEqualTo(inFlight);
        assertThat(lessons).as("lessons written at all").hasSizeLessThan(LESSONS);
        assertThat(status(gateway, courseId)).isEqualTo("CANCELLED");
    }

    private static String status(WebClient gateway, String courseId) {
        return gateway.get().uri("/api/v1/courses/{id}", courseId).retrieve().bodyToMono(JsonNode.class).block(WAIT)
                .path("status").asString();
    }

    private static org.springframework.core.env.Environment contentService() {
        return platform.services().stream()
                .map(context -> context.getEnvironment())
                .filter(environment -> "content-service".equals(environment.getProperty("spring.application.name")))
                .findFirst().orElseThrow();
    }

    /** Waits until the group has committed the end of every partition of the topic: nothing is left to take. */
    private static void awaitConsumed(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
                KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                // this course is the platform's only one: all its lesson requests are on the topic
                return ends.values().stream().mapToLong(Long::longValue).sum() >= LESSONS
                        && ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                                || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue());
            });
        }
    }

    /** Every record of the course on the topic, read from the beginning up to the current end. */
    private static List<ConsumerRecord<String, String>> records(String topic, String courseId) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (courseId.equals(record.key())) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
    }

    private static String bootstrapServers() {
        return platform.infrastructure().kafkaBootstrapServers();
    }
}
