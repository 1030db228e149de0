package io.coursegen.outline.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition each of a course's work requests goes to. Hashing each part's key lets two parts of one course
 * share a partition (with 7 pictures on 12 partitions, nearly always), and a partition is worked by one thread, so
 * those parts run one after the other. Instead the course's parts take distinct partitions, starting at the one
 * its course id hashes to: even offsets first, then odd ones, so consecutive parts are also two partitions apart
 * and land on different consumers when each consumer holds a range of adjacent partitions (Kafka's range
 * assignment). Deterministic: a part requested again goes where it went the first time.
 */
final class PartSpread {

    private PartSpread() {
    }

    /** The partition of the {@code index}-th part (0-based) of the course among {@code partitions}. */
    static int partition(String courseId, int index, int partitions) {
        int start = Utils.toPositive(Utils.murmur2(courseId.getBytes(StandardCharsets.UTF_8))) % partitions;
        int evens = (partitions + 1) / 2;
        int slot = index % partitions;
        int offset = slot < evens ? 2 * slot : 2 * (slot - evens) + 1;
        return (start + offset) % partitions;
    }
}
