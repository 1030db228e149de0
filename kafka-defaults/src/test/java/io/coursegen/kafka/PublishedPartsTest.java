package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

@EmbeddedKafka(partitions = 3, topics = {PublishedPartsTest.RESULTS, PublishedPartsTest.LATER_RESULTS})
class PublishedPartsTest {

    static final String RESULTS = "published-parts-test";
    static final String LATER_RESULTS = "published-parts-later-test";

    @Test
    void aStartedInstanceKnowsEveryRecentResultBeforeItsListenersStartAndSkipsOldOnes(EmbeddedKafkaBroker broker)
            throws Exception {
        try (KafkaProducer<String, String> producer = producer(broker)) {
            long old = Instant.now().minus(Duration.ofHours(30)).toEpochMilli();
            producer.send(new ProducerRecord<>(RESULTS, null, old, "course-old", "lesson-01")).get();
            for (int i = 1; i <= 20; i++) {
                producer.send(new ProducerRecord<>(RESULTS, "course-" + i, "lesson-01")).get();
            }
        }
        PublishedParts parts = parts(broker, RESULTS);

        parts.start();
        try {
            // no waiting here: start() returns only once the topic has been read to its end
            for (int i = 1; i <= 20; i++) {
                assertThat(parts.contains("course-" + i + "/lesson-01")).as("course-" + i).isTrue();
            }
            assertThat(parts.contains("course-old/lesson-01")).as("older than remembered").isFalse();
            assertThat(parts.contains("course-1/lesson-02")).isFalse();
        } finally {
            parts.stop();
        }
        assertThat(parts.isRunning()).isFalse();
    }

    @Test
    void resultsPublishedLaterByAnotherInstanceAreLearnedFromTheTopic(EmbeddedKafkaBroker broker) throws Exception {
        PublishedParts parts = parts(broker, LATER_RESULTS);
        parts.start();
        try (KafkaProducer<String, String> producer = producer(broker)) {
            producer.send(new ProducerRecord<>(LATER_RESULTS, "course-late", "image-cover")).get();

            await().atMost(Duration.ofSeconds(20)).until(() -> parts.contains("course-late/image-cover"));
            parts.add("course-own/image-cover");
            assertThat(parts.contains("course-own/image-cover")).isTrue();
        } finally {
            parts.stop();
        }
    }

    private static PublishedParts parts(EmbeddedKafkaBroker broker, String topic) {
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "published-parts-test"),
                new StringDeserializer(), new ByteArrayDeserializer());
        return new PublishedParts(topic, record -> record.key() + "/" + new String(record.value()), consumers,
                ProvenanceCheck.none(), Duration.ofHours(24), Duration.ofSeconds(30), 10_000);
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new StringSerializer());
    }
}
