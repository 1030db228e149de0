package io.coursegen.bench;

import io.coursegen.content.ContentServiceApplication;
import io.coursegen.local.LocalPlatform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second content-service in the platform's consumer group, started exactly as the local platform starts the first
 * (its own port), for the scale-out figure. It runs until the platform stops (see {@code PlatformBenchmark.secondContent}).
 */
final class SecondContentService implements AutoCloseable {

    private static final String GROUP = "content-service";

    private final ConfigurableApplicationContext context;
    private final String bootstrapServers;

    private SecondContentService(ConfigurableApplicationContext context, String bootstrapServers) {
        this.context = context;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Started and holding partitions: returns once the group is stable with both instances' consumers (one per
     * listener thread, {@code threadsPerInstance} each) and each of them has partitions.
     */
    static SecondContentService start(LocalPlatform platform, int threadsPerInstance, Duration deadline) throws Exception {
        List<String> args = new ArrayList<>(platform.serviceArguments("content-service").stream()
                .filter(arg -> !arg.startsWith("--server.port="))
                .toList());
        args.add("--server.port=0");
        String bootstrapServers = platform.infrastructure().kafkaBootstrapServers();
        SecondContentService second = new SecondContentService(
                ContentServiceApplication.application().run(args.toArray(String[]::new)), bootstrapServers);
        second.awaitMembersWithPartitions(2 * threadsPerInstance, deadline);
        return second;
    }

    private void awaitMembersWithPartitions(int members, Duration deadline) throws Exception {
        long until = System.nanoTime() + deadline.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "bench-scale-out"))) {
            while (System.nanoTime() < until) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
                        .get(30, TimeUnit.SECONDS).get(GROUP);
                boolean spread = group.groupState() == GroupState.STABLE && group.members().size() == members
                        && group.members().stream().noneMatch(member -> member.assignment().topicPartitions().isEmpty());
                if (spread) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
        throw new IllegalStateException("content-service's group did not spread over " + members + " consumers within "
                + deadline.toSeconds() + " s");
    }

    @Override
    public void close() {
        context.close();
    }
}
