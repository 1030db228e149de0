package io.coursegen.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads topics the way any outside client would: a plain consumer from the beginning of every
 * partition (assigned, so there is no group rebalance to wait for), values parsed from their JSON.
 */
public final class TopicReader implements AutoCloseable {

    private final Consumer<String, String> consumer;
    private final JsonMapper json;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, JsonMapper json, String... topics) {
        this.json = json;
        this.consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = Arrays.stream(topics)
                .flatMap(topic -> consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Every record with this key stored in the topic so far: read from the beginning up to each partition's end as
     * it was when called. Conclusive for "was anything published?" once the producer's answer has been seen.
     */
    public static List<ConsumerRecord<String, String>> recordsSoFar(String bootstrapServers, String topic, String key) {
        return recordsSoFar(bootstrapServers, topic).stream().filter(record -> key.equals(record.key())).toList();
    }

    /** Every record in the topic so far, read as {@link #recordsSoFar(String, String, String)} reads them. */
    public static List<ConsumerRecord<String, String>> recordsSoFar(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(found::add);
                return partitions.stream().allMatch(partition -> reader.position(partition) >= ends.get(partition));
            });
            return found;
        }
    }

    /** Waits until the course's records (keyed by courseId, or courseId/partId) satisfy the condition, and returns them. */
    public Records awaitRecords(String courseId, Predicate<Records> complete) {
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ofMillis(50)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return complete.test(recordsFor(courseId));
        });
        return recordsFor(courseId);
    }

    private Records recordsFor(String courseId) {
        return new Records(seen.stream().filter(record -> record.key() != null
                && (record.key().equals(courseId) || record.key().startsWith(courseId + "/"))).toList(), json);
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** One course's records, in the order they were read. */
    public record Records(List<ConsumerRecord<String, String>> all, JsonMapper json) {

        public int count(String topic) {
            return raw(topic).size();
        }

        public List<String> raw(String topic) {
            return all.stream().filter(record -> record.topic().equals(topic)).map(ConsumerRecord::value).toList();
        }

        public <T> List<T> values(String topic, Class<T> type) {
            return raw(topic).stream().map(value -> json.readValue(value, type)).toList();
        }
    }
}
