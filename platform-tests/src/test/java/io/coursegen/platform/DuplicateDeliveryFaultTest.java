package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.coursegen.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Fault 8: every record of the batch's courses, on every topic the services consume, is delivered a second time
 * (as after a crash between a service's output and its commit). The stored courses and the model calls must be
 * exactly what single delivery gave.
 */
class DuplicateDeliveryFaultTest {

    private static final List<String> CONSUMED = List.of(Topics.COURSE_ADMITTED, Topics.COURSE_OUTLINED,
            Topics.LESSON_REQUESTED, Topics.IMAGE_REQUESTED, Topics.LESSON_GENERATED, Topics.IMAGE_GENERATED,
            Topics.COURSE_STATUS);
    /** What a course is, as opposed to when it was last written. */
    private static final List<String> CONTENT = List.of("tenantId", "status", "spec", "outline", "outlineUsage",
            "lessons", "images", "failures", "partsDone", "partsTotal", "createdAt", "completedAt");

    @Test
    void deliveringEveryRecordTwiceChangesNoCourseAndCallsNoModelAgain() {
        try (CourseBatch batch = CourseBatch.start("every record delivered twice")) {
            List<String> courseIds = batch.submit();
            batch.assertEveryCourseCompletesWhole(0);
            Map<String, Document> before = stored(batch, courseIds);
            int callsBefore = batch.openAi().received().size();
            String bootstrap = batch.platform().infrastructure().kafkaBootstrapServers();

            int replayed = replay(bootstrap, new HashSet<>(courseIds));
            awaitEveryGroupCaughtUp(bootstrap);

            System.out.printf("[%s] %d records delivered a second time%n", "every record delivered twice", replayed);
            assertThat(replayed).as("records delivered again").isGreaterThan(courseIds.size() * 10);
            assertThat(batch.openAi().received()).as("model calls after the second delivery").hasSize(callsBefore);
            assertThat(stored(batch, courseIds)).as("the stored courses").isEqualTo(before);
        }
    }

    /** Produces every record of these courses again, with its key, value and headers. */
    private static int replay(String bootstrap, Set<String> courseIds) {
        List<ProducerRecord<String, byte[]>> again = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = CONSUMED.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && courseIds.contains(Topics.courseIdOfKey(record.key()))) {
                        again.add(new ProducerRecord<>(record.topic(), null, record.key(), record.value(),
                                record.headers()));
                    }
                }
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            again.forEach(producer::send);
            producer.flush();
        }
        return again.size();
    }

    /** Waits until every consumer group has committed up to the end of every partition it reads. */
    private static void awaitEveryGroupCaughtUp(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (var group : admin.listConsumerGroups().all().get()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                            .partitionsToOffsetAndMetadata().get();
                    Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet().stream()
                            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                            .all().get();
                    for (var entry : committed.entrySet()) {
                        if (entry.getValue() != null && entry.getValue().offset() < ends.get(entry.getKey()).offset()) {
                            return false;
                        }
                    }
                }
                return true;
            });
        }
    }

    private static Map<String, Document> stored(CourseBatch batch, List<String> courseIds) {
        Map<String, Document> courses = new LinkedHashMap<>();
        try (MongoClient mongo = MongoClients.create(batch.platform().infrastructure().mongoUri())) {
            for (String id : courseIds) {
                Document stored = Mono.from(mongo.getDatabase("coursegen").getCollection("courses")
                        .find(new Document("_id", id)).first()).block(Duration.ofSeconds(10));
                Document content = new Document();
                CONTENT.forEach(field -> content.append(field, stored.get(field)));
                courses.put(id, content);
            }
        }
        return courses;
    }
}
