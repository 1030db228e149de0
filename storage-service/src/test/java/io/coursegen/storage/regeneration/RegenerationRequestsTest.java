package io.coursegen.storage.regeneration;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.PartRequests;
import io.coursegen.contracts.PartRequests.Part;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.contracts.Topics;
import io.coursegen.kafka.PartSpread;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.course.StoredCourse.StoredLesson;
import io.coursegen.storage.course.StoredCourse.StoredOutline;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/**
 * A regenerated lesson is asked for as outline-service asked for it the first time (only revision and instructions
 * differ) and lands on the same partitions, although storage only has the outline as it stored it.
 */
class RegenerationRequestsTest {

    private static final String COURSE_ID = "course-7c0e";
    private static final String TENANT_ID = "tenant-1";
    private static final CourseSpec SPEC = new CourseSpec("Queues", "engineers", "intermediate", "fr", 5, true, "flat");
    private static final Outline OUTLINE = new Outline("Files d'attente", "Tout sur les files.", "ingénieurs",
            List.of("Java"), List.of("Décrire", "Expliquer", "Appliquer"), IntStream.rangeClosed(1, 5)
                    .mapToObj(position -> new OutlineLesson("lesson-%02d".formatted(position), position,
                            "Leçon " + position, "Résumé " + position, List.of("Expliquer " + position),
                            List.of("concept " + position, "idée " + position), 10 + position,
                            "Module " + (position + 1) / 2))
                    .toList());

    /** What outline-service's fan-out requested from the published outline. */
    private final PartRequests first = PartRequests.of(COURSE_ID, TENANT_ID, SPEC, OUTLINE);

    @Test
    void asksForWhatTheFirstGenerationAskedForExceptRevisionAndInstructions() {
        for (OutlineLesson lesson : OUTLINE.lessons()) {
            PartRequests again = LessonRegenerations.requests(stored(), lesson.lessonId(), 3, "Plus d'exemples");

            Part<?> firstText = first.lessons().get(lesson.position() - 1);
            Part<?> firstPicture = first.images().get(lesson.position() - 1);
            assertThat(again.lessons()).singleElement().satisfies(part -> {
                assertThat(part.key()).isEqualTo(firstText.key());
                assertThat(part.ordinal()).isEqualTo(firstText.ordinal());
                assertThat(part.request().revision()).isEqualTo(3);
                assertThat(part.request().instructions()).isEqualTo("Plus d'exemples");
                assertThat(part.request()).usingRecursiveComparison().ignoringFields("revision", "instructions")
                        .isEqualTo(firstText.request());
            });
            assertThat(again.images()).singleElement().satisfies(part -> {
                assertThat(part.key()).isEqualTo(firstPicture.key());
                assertThat(part.ordinal()).isEqualTo(firstPicture.ordinal());
                assertThat(part.request().revision()).isEqualTo(3);
                assertThat(part.request().instructions()).isEqualTo("Plus d'exemples");
                assertThat(part.request()).usingRecursiveComparison().ignoringFields("revision", "instructions")
                        .isEqualTo(firstPicture.request());
            });
        }
    }

    @Test
    void landsOnThePartitionsTheFirstRequestsWentTo() {
        MockProducer<String, Object> producer = producer(12);
        KafkaTemplate<String, Object> kafka = new KafkaTemplate<>(new MockProducerFactory<>(() -> producer));
        PartSpread.send(kafka, first).join();
        Map<String, Integer> firstPartitions = producer.history().stream()
                .collect(Collectors.toMap(record -> record.topic() + " " + record.key(), ProducerRecord::partition));

        for (OutlineLesson lesson : OUTLINE.lessons()) {
            producer.clear();
            PartSpread.send(kafka, LessonRegenerations.requests(stored(), lesson.lessonId(), 2, null)).join();

            assertThat(producer.history()).hasSize(2).allSatisfy(again -> assertThat(again.partition())
                    .as("%s %s", again.topic(), again.key())
                    .isEqualTo(firstPartitions.get(again.topic() + " " + again.key())));
        }
    }

    /**
     * The completed course as storage holds it: the outline without its lessons, each lesson's plan beside its
     * text, in an order that is not the teaching order (a document's map keeps no order to rely on).
     */
    private static StoredCourse stored() {
        Map<String, StoredLesson> lessons = new LinkedHashMap<>();
        for (int index = OUTLINE.lessons().size() - 1; index >= 0; index--) {
            OutlineLesson lesson = OUTLINE.lessons().get(index);
            lessons.put(lesson.lessonId(), new StoredLesson(lesson.lessonId(), lesson, null, null, Instant.EPOCH, 1,
                    List.of(), null));
        }
        return new StoredCourse(COURSE_ID, TENANT_ID, CourseStatus.COMPLETED, SPEC, StoredOutline.of(OUTLINE), lessons,
                Map.of(), null, Map.of(), 12, 12, 12, null, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);
    }

    /** A producer that acknowledges at once, for a cluster whose work-request topics have {@code partitions}. */
    private static MockProducer<String, Object> producer(int partitions) {
        Node broker = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = Set.of(Topics.LESSON_REQUESTED, Topics.IMAGE_REQUESTED).stream()
                .flatMap(topic -> IntStream.range(0, partitions).mapToObj(partition ->
                        new PartitionInfo(topic, partition, broker, new Node[] {broker}, new Node[] {broker})))
                .toList();
        return new MockProducer<>(new Cluster("cluster", List.of(broker), infos, Set.of(), Set.of()), true, null,
                new StringSerializer(), (topic, value) -> new byte[0]) {
            @Override
            public void close(Duration timeout) {
                // KafkaTemplate closes the producer after each call; this one keeps its history across calls
            }
        };
    }
}
