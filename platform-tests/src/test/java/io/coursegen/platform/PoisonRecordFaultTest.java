package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.TopicOwners;
import io.coursegen.contracts.Topics;
import io.coursegen.kafka.RecordProvenance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * While a batch runs, every partition of every topic a service consumes gets two records no handler can read:
 * bytes that are not JSON and JSON of the wrong shape, signed as the topic's owner would sign them (a producer's
 * bug). Each must reach {@code <topic>.DLT} within seconds, and the records behind it on the same partitions (the
 * batch's) must still be processed. Ahead of each, the same bytes unsigned (anyone who reaches the broker): those are
 * ignored, never dead-lettered.
 */
class PoisonRecordFaultTest {

    private static final List<String> CONSUMED = List.of(Topics.COURSE_ADMITTED, Topics.COURSE_OUTLINED,
            Topics.LESSON_REQUESTED, Topics.IMAGE_REQUESTED, Topics.LESSON_GENERATED, Topics.IMAGE_GENERATED,
            Topics.COURSE_PART_FAILED, Topics.COURSE_CANCELLED);
    private static final List<byte[]> POISON = List.of(
            new byte[] {0x00, (byte) 0xff, 'n', 'o', 't', ' ', 'j', 's', 'o', 'n'},
            "{\"courseId\": [\"not\", \"a\", \"string\"], \"lesson\": 7}".getBytes(StandardCharsets.UTF_8));
    private static final Duration WITHIN = Duration.ofSeconds(15);
    private static final String SIGNED = "poison";
    private static final String UNSIGNED = "poison-unsigned";

    private static CourseBatch batch;

    @BeforeAll
    static void start() {
        batch = CourseBatch.start("Poison records on 8 topics");
    }

    @AfterAll
    static void stop() {
        batch.close();
    }

    @Test
    void everyPoisonRecordIsDeadLetteredAndTheRecordsBehindItAreProcessed() {
        batch.submit();
        batch.awaitMidFlight();

        Map<String, Integer> poisoned = poisonEveryPartition();
        long poisonedAt = System.nanoTime();
        List<ConsumerRecord<String, byte[]>> deadLetters = awaitDeadLetters(poisoned);
        System.out.printf("[poison] %d poison records on %d topics dead-lettered within %.1f s%n",
                poisoned.values().stream().mapToInt(Integer::intValue).sum(), poisoned.size(),
                (System.nanoTime() - poisonedAt) / 1e9);
        assertThat(deadLetters).allSatisfy(record -> {
            assertThat(record.headers().lastHeader("kafka_dlt-exception-fqcn")).as("cause recorded").isNotNull();
            assertThat(record.key()).as("an unsigned record is ignored, not dead-lettered").isEqualTo(SIGNED);
        });

        batch.assertEveryCourseCompletesWhole(0);
    }

    /**
     * Both poisons on every partition of every consumed topic, each signed by an owner of the topic after an unsigned
     * copy; returns how many signed records each topic got.
     */
    private static Map<String, Integer> poisonEveryPartition() {
        String bootstrap = batch.platform().infrastructure().kafkaBootstrapServers();
        RecordProvenance provenance = new RecordProvenance(CourseBatch.RECORD_SECRET);
        Map<String, Integer> sent = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            for (String topic : CONSUMED) {
                String owner = new TreeSet<>(TopicOwners.of(topic)).first();
                List<PartitionInfo> partitions = producer.partitionsFor(topic);
                for (PartitionInfo partition : partitions) {
                    for (byte[] poison : POISON) {
                        producer.send(new ProducerRecord<>(topic, partition.partition(), UNSIGNED, poison));
                        ProducerRecord<String, byte[]> signed = new ProducerRecord<>(topic, partition.partition(), SIGNED,
                                poison);
                        provenance.sign(signed, owner);
                        producer.send(signed);
                    }
                }
                sent.put(topic, partitions.size() * POISON.size());
            }
            producer.flush();
        }
        return sent;
    }

    /** Reads every DLT until each holds the poison sent to its topic (several groups may dead-letter it each). */
    private static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(Map<String, Integer> poisoned) {
        List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, batch.platform().infrastructure().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "poison-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(poisoned.keySet().stream().map(topic -> topic + Topics.DEAD_LETTER_SUFFIX).toList());
            try {
                await().atMost(WITHIN).until(() -> {
                    consumer.poll(Duration.ofMillis(250)).forEach(record -> {
                        if (POISON.stream().anyMatch(poison -> Arrays.equals(poison, record.value()))) {
                            deadLetters.add(record);
                        }
                    });
                    return poisoned.entrySet().stream().allMatch(e -> distinctPoison(deadLetters, e.getKey()) >= e.getValue());
                });
            } finally {
                poisoned.forEach((topic, count) -> System.out.printf("[poison] %s: %d sent, %d dead-lettered%n",
                        topic, count, distinctPoison(deadLetters, topic)));
            }
        }
        return deadLetters;
    }

    /** Distinct (partition, poison) pairs seen in the topic's DLT: a record dead-lettered by two groups counts once. */
    private static long distinctPoison(List<ConsumerRecord<String, byte[]>> deadLetters, String topic) {
        String dlt = topic + Topics.DEAD_LETTER_SUFFIX;
        return deadLetters.stream().filter(record -> record.topic().equals(dlt))
                .map(record -> record.partition() + ":" + new String(record.value(), StandardCharsets.ISO_8859_1))
                .distinct().count();
    }
}
