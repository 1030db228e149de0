package io.coursegen.outline.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartSpreadTest {

    @Test
    void aCoursesPartsTakeEveryPartitionOnceBeforeAnyTwice() {
        for (int partitions : List.of(1, 2, 6, 7, 12)) {
            List<Integer> first = IntStream.range(0, partitions)
                    .mapToObj(index -> PartSpread.partition("course-7c0e", index, partitions)).toList();

            assertThat(first).as("%d partitions", partitions).doesNotHaveDuplicates()
                    .allSatisfy(partition -> assertThat(partition).isBetween(0, partitions - 1));
            assertThat(PartSpread.partition("course-7c0e", partitions, partitions)).isEqualTo(first.get(0));
        }
    }

    @Test
    void consecutivePartsAreTwoPartitionsApartSoAdjacentRangesServeThemWithDifferentConsumers() {
        // 6 lessons on 12 partitions worked by 6 consumers holding 2 adjacent partitions each: 6 different consumers
        List<Integer> consumers = IntStream.range(0, 6)
                .mapToObj(index -> ((PartSpread.partition("course-7c0e", index, 12) - PartSpread.partition("course-7c0e", 0, 12) + 12) % 12) / 2)
                .toList();

        assertThat(consumers).doesNotHaveDuplicates();
    }

    @Test
    void theFirstPartGoesWhereTheCourseIdItselfWouldAndEveryPartAlwaysGoesToTheSamePlace() {
        // Kafka's default partitioner: murmur2 of the key bytes, made positive, modulo the partition count
        int courseIdPartition = org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2("course-7c0e".getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 12;

        assertThat(PartSpread.partition("course-7c0e", 0, 12)).isEqualTo(courseIdPartition);
        assertThat(PartSpread.partition("course-7c0e", 5, 12)).isEqualTo(PartSpread.partition("course-7c0e", 5, 12));
    }
}
