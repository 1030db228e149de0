package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AssignedPartitionsTest {

    private final AssignedPartitions assigned = new AssignedPartitions();

    @Test
    void anInstanceSharesItsGroupsWorkByThePartitionsItHoldsAndFollowsRebalances() {
        Consumer<?, ?> first = consumer("content-service");
        Consumer<?, ?> second = consumer("content-service");
        assertThat(assigned.share("content-service")).as("before any assignment").isEqualTo(1.0);

        assigned.onPartitionsAssigned(first, partitions(0, 1));
        assigned.onPartitionsAssigned(second, partitions(2, 3, 4, 5));
        assertThat(assigned.share("content-service")).as("all six, over two of its consumers").isEqualTo(1.0);

        assigned.onPartitionsRevokedBeforeCommit(second, partitions(3, 4, 5));
        assertThat(assigned.share("content-service")).as("another instance took three").isEqualTo(0.5);

        assigned.onPartitionsLost(first, partitions(0, 1));
        assigned.onPartitionsRevokedBeforeCommit(second, partitions(2));
        assertThat(assigned.share("content-service")).as("none left counts as one").isEqualTo(1.0 / 6);
    }

    @Test
    void anotherGroupsPartitionsDoNotCount() {
        Consumer<?, ?> work = consumer("content-service");
        Consumer<?, ?> cancellations = consumer("content-service-cancellations-1");

        assigned.onPartitionsAssigned(work, partitions(0, 1, 2));
        assigned.onPartitionsAssigned(cancellations, List.of(new TopicPartition("course.cancelled", 0)));

        assertThat(assigned.share("content-service")).isEqualTo(0.5);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Consumer<?, ?> consumer(String group) {
        Consumer consumer = mock(Consumer.class);
        when(consumer.groupMetadata()).thenReturn(new ConsumerGroupMetadata(group));
        when(consumer.partitionsFor("lesson.requested")).thenReturn(IntStream.range(0, 6)
                .mapToObj(partition -> new PartitionInfo("lesson.requested", partition, null, null, null)).toList());
        when(consumer.partitionsFor("course.cancelled")).thenReturn(List.of(
                new PartitionInfo("course.cancelled", 0, null, null, null)));
        return consumer;
    }

    private static List<TopicPartition> partitions(int... numbers) {
        return IntStream.of(numbers).mapToObj(number -> new TopicPartition("lesson.requested", number)).toList();
    }
}
