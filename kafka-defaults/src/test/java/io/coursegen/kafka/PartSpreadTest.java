package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.coursegen.contracts.PartRequests;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

class PartSpreadTest {

    @Test
    void aCoursesPartsTakeEveryPartitionOnceBeforeAnyTwice() {
        for (int partitions : List.of(1, 2, 6, 7, 12)) {
            List<Integer> first = IntStream.range(0, partitions)
                    .mapToObj(ordinal -> PartSpread.partition("course-7c0e", ordinal, partitions)).toList();

            assertThat(first).as("%d partitions", partitions).doesNotHaveDuplicates()
                    .allSatisfy(partition -> assertThat(partition).isBetween(0, partitions - 1));
            assertThat(PartSpread.partition("course-7c0e", partitions, partitions)).isEqualTo(first.get(0));
        }
    }

    @Test
    void consecutivePartsAreTwoPartitionsApartSoAdjacentRangesServeThemWithDifferentConsumers() {
        // 6 lessons on 12 partitions worked by 6 consumers holding 2 adjacent partitions each: 6 different consumers
        int start = PartSpread.partition("course-7c0e", 0, 12);
        List<Integer> consumers = IntStream.range(0, 6)
                .mapToObj(ordinal -> ((PartSpread.partition("course-7c0e", ordinal, 12) - start + 12) % 12) / 2)
                .toList();

        assertThat(consumers).doesNotHaveDuplicates();
    }

    @Test
    void theFirstPartGoesWhereTheCourseIdItselfWouldAndEveryPartAlwaysGoesToTheSamePlace() {
        // Kafka's default partitioner: murmur2 of the key bytes, made positive, modulo the partition count
        int courseIdPartition = Utils.toPositive(Utils.murmur2("course-7c0e".getBytes(StandardCharsets.UTF_8))) % 12;

        assertThat(PartSpread.partition("course-7c0e", 0, 12)).isEqualTo(courseIdPartition);
        assertThat(PartSpread.partition("course-7c0e", 5, 12)).isEqualTo(PartSpread.partition("course-7c0e", 5, 12));
    }

    @Test
    void sendsEveryPartKeyedByItsPartOnAPartitionOfItsOwn() {
        MockProducer<String, Object> producer = producer(12);
        PartRequests parts = parts(6);

        PartSpread.send(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), parts).join();

        Map<String, ProducerRecord<String, Object>> lessons = sent(producer, Topics.LESSON_REQUESTED);
        Map<String, ProducerRecord<String, Object>> images = sent(producer, Topics.IMAGE_REQUESTED);
        assertThat(lessons).hasSize(6);
        assertThat(images).hasSize(7);
        parts.lessons().forEach(part -> assertThat(lessons.get(part.key()).value()).isEqualTo(part.request()));
        parts.images().forEach(part -> assertThat(images.get(part.key()).value()).isEqualTo(part.request()));
        assertThat(lessons.values()).extracting(ProducerRecord::partition).doesNotHaveDuplicates();
        assertThat(images.values()).extracting(ProducerRecord::partition).doesNotHaveDuplicates();
    }

    @Test
    void aRegeneratedLessonIsSentToThePartitionsItsFirstRequestsWentTo() {
        MockProducer<String, Object> producer = producer(12);
        KafkaTemplate<String, Object> kafka = new KafkaTemplate<>(new MockProducerFactory<>(() -> producer));
        PartRequests parts = parts(6);
        PartSpread.send(kafka, parts).join();
        Map<String, Integer> first = producer.history().stream()
                .collect(Collectors.toMap(ProducerRecord::key, ProducerRecord::partition));
        producer.clear();

        PartSpread.send(kafka, parts.regeneration("lesson-04", 2, "More examples")).join();

        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key)
                .containsExactlyInAnyOrder(
                        tuple(Topics.LESSON_REQUESTED, "course-7c0e/lesson:lesson-04"),
                        tuple(Topics.IMAGE_REQUESTED, "course-7c0e/image:lesson-04"));
        assertThat(producer.history()).allSatisfy(again ->
                assertThat(again.partition()).isEqualTo(first.get(again.key())));
    }

    private static Map<String, ProducerRecord<String, Object>> sent(MockProducer<String, Object> producer, String topic) {
        return producer.history().stream().filter(record -> record.topic().equals(topic))
                .collect(Collectors.toMap(ProducerRecord::key, Function.identity()));
    }

    private static PartRequests parts(int lessonCount) {
        List<OutlineLesson> lessons = IntStream.rangeClosed(1, lessonCount)
                .mapToObj(position -> new OutlineLesson("lesson-%02d".formatted(position), position,
                        "Lesson " + position, "About " + position, List.of("Explain " + position),
                        List.of("concept " + position), 10, "Module"))
                .toList();
        return PartRequests.of("course-7c0e", "tenant-1",
                new CourseSpec("Queues", "engineers", "beginner", "en", lessonCount, true, "flat"),
                new Outline("Queues", "All about queues.", "engineers", List.of(), List.of("a", "b", "c"), lessons));
    }

    /** A producer that acknowledges at once, for a cluster whose work-request topics have {@code partitions}. */
    private static MockProducer<String, Object> producer(int partitions) {
        Node broker = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = Set.of(Topics.LESSON_REQUESTED, Topics.IMAGE_REQUESTED).stream()
                .flatMap(topic -> IntStream.range(0, partitions)
                        .mapToObj(partition -> new PartitionInfo(topic, partition, broker, new Node[] {broker},
                                new Node[] {broker})))
                .toList();
        Cluster cluster = new Cluster("cluster", List.of(broker), infos, Set.of(), Set.of());
        return new MockProducer<>(cluster, true, null, new StringSerializer(), (topic, value) -> new byte[0]) {
            @Override
            public void close(Duration timeout) {
                // KafkaTemplate closes the producer after each call; this one keeps its history across calls
            }
        };
    }
}
