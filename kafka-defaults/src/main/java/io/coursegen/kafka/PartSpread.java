package io.coursegen.kafka;

import io.coursegen.contracts.PartRequests;
import io.coursegen.contracts.PartRequests.Part;
import io.coursegen.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Sends a course's work requests, and decides which partition each goes to. Hashing each part's key lets two parts
 * of one course share a partition (with 7 pictures on 12 partitions, nearly always), and a partition is worked by
 * one thread, so those parts run one after the other. Instead the course's parts take distinct partitions, starting
 * at the one its course id hashes to: even offsets first, then odd ones, so consecutive parts are also two
 * partitions apart and land on different consumers when each consumer holds a range of adjacent partitions (Kafka's
 * range assignment). The partition follows from the course id and the part's {@link Part#ordinal() ordinal} only,
 * so a part requested again (storage-service's regeneration) goes where it went the first time (outline-service's
 * fan-out). Here rather than in each service because the two must agree.
 */
public final class PartSpread {

    private PartSpread() {
    }

    /**
     * Sends every part to {@code lesson.requested} / {@code image.requested}, keyed by its part key; the future
     * completes when the broker acknowledged them all. Asks for the topics' partition counts, which may block while
     * the producer fetches metadata.
     */
    public static CompletableFuture<Void> send(KafkaOperations<String, Object> kafka, PartRequests parts) {
        return CompletableFuture.allOf(Stream.concat(
                        sends(kafka, Topics.LESSON_REQUESTED, parts.courseId(), parts.lessons()),
                        sends(kafka, Topics.IMAGE_REQUESTED, parts.courseId(), parts.images()))
                .toArray(CompletableFuture[]::new));
    }

    private static Stream<CompletableFuture<?>> sends(KafkaOperations<String, Object> kafka, String topic,
            String courseId, List<? extends Part<?>> parts) {
        if (parts.isEmpty()) {
            return Stream.empty();
        }
        int partitions = kafka.partitionsFor(topic).size();
        return parts.stream().map(part -> kafka.send(topic, partition(courseId, part.ordinal(), partitions),
                part.key(), part.request()));
    }

    /**
     * The partition of the {@code ordinal}-th part (0-based) of the course among {@code partitions}; public for the
     * benchmark, whose bound counts how many pictures a partition's one thread must draw one after another.
     */
    public static int partition(String courseId, int ordinal, int partitions) {
        int start = Utils.toPositive(Utils.murmur2(courseId.getBytes(StandardCharsets.UTF_8))) % partitions;
        int evens = (partitions + 1) / 2;
        int slot = ordinal % partitions;
        int offset = slot < evens ? 2 * slot : 2 * (slot - evens) + 1;
        return (start + offset) % partitions;
    }
}
