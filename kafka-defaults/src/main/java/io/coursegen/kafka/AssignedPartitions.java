package io.coursegen.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Which partitions this instance's listener consumers hold now, by consumer group, kept up to date through every
 * rebalance (Spring Boot sets this bean on its listener container factory). {@link #share(String)} is the part
 * of a group's work this instance does: the generating services scale their model-call quotas by it, so the
 * instances of a group together stay within the account's limits without a shared store.
 */
public class AssignedPartitions implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(AssignedPartitions.class);

    private final Map<TopicPartition, String> groupOfPartition = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> topicsOfGroup = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionsOfTopic = new ConcurrentHashMap<>();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        String group = consumer.groupMetadata().groupId();
        for (TopicPartition partition : partitions) {
            groupOfPartition.put(partition, group);
            topicsOfGroup.computeIfAbsent(group, known -> ConcurrentHashMap.newKeySet()).add(partition.topic());
            partitionsOfTopic.computeIfAbsent(partition.topic(), topic -> countPartitions(consumer, topic));
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(groupOfPartition::remove);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(groupOfPartition::remove);
    }

    /**
     * This instance's fraction of the group's partitions, in (0, 1]: 1 before the first assignment (nothing to
     * share yet), and as if it held one partition when it holds none (it gets no work then, but a record still in
     * hand during a rebalance must not wait forever).
     */
    public double share(String groupId) {
        int total = topicsOfGroup.getOrDefault(groupId, Set.of()).stream()
                .mapToInt(topic -> partitionsOfTopic.getOrDefault(topic, 0))
                .sum();
        if (total == 0) {
            return 1.0;
        }
        long held = groupOfPartition.values().stream().filter(groupId::equals).count();
        return Math.min(1.0, Math.max(1, held) / (double) total);
    }

    private static Integer countPartitions(Consumer<?, ?> consumer, String topic) {
        try {
            return consumer.partitionsFor(topic).size();
        } catch (KafkaException e) {
            // asked again at the next assignment; until then the topic does not count
            log.warn("Could not read the partition count of {}: {}", topic, e.toString());
            return null;
        }
    }
}
