package io.coursegen.image;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Reads a topic from its beginning with a plain consumer, as any other service or tool would. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /** Waits until {@code count} records match, then returns them (values as JSON text). */
    public static List<ConsumerRecord<String, String>> awaitMatching(String bootstrapServers, String topic, int count,
            Predicate<ConsumerRecord<String, String>> match) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromBeginning(bootstrapServers, topic)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (match.test(record)) {
                        matching.add(record);
                    }
                });
                return matching.size() >= count;
            });
        }
        return matching;
    }

    /** Every record the topic holds now that matches, read up to the current end of each partition. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> match) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromBeginning(bootstrapServers, topic)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (match.test(record)) {
                        matching.add(record);
                    }
                });
                return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            });
        }
        return matching;
    }

    private static KafkaConsumer<String, String> fromBeginning(String bootstrapServers, String topic) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(bootstrapServers, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
