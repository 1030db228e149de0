package io.coursegen.kafka;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts this service has already published, read back from its own output topic, so that a work request
 * delivered again (a crash or rebalance after the result was published but before the offset was committed, or
 * a duplicate record) is answered by the result that exists instead of another model call.
 *
 * <p>It starts before the service's listeners and holds their start until it has read the topic up to its end
 * (the last {@code remembered} of it), so a restarted instance knows everything published before it went down,
 * by itself or by the instance whose partitions it takes over. From then on it follows the topic, and the
 * service adds each of its own results the moment Kafka acknowledged it. Part keys are the service's to define
 * (course, part and revision); a record it cannot read is skipped, and so is one whose provenance does not hold
 * ({@link ProvenanceCheck}): a forged result would otherwise stand in for the real one, which would never be made.
 */
public class PublishedParts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PublishedParts.class);
    /** Before the listener containers ({@code AbstractMessageListenerContainer.DEFAULT_PHASE}). */
    private static final int PHASE = 0;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final byte[] NO_RESULT = new byte[0];

    private final String topic;
    private final Function<ConsumerRecord<String, byte[]>, String> partKeyOf;
    private final ConsumerFactory<String, byte[]> consumers;
    private final ProvenanceCheck provenance;
    private final Duration remembered;
    private final Duration catchUpTimeout;
    private final Clock clock;
    private final boolean keepResults;
    /** By part key: the result's bytes if kept, else an empty array. */
    private final Cache<String, byte[]> published;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread reader;

    /**
     * @param partKeyOf      the part key a record of {@code topic} stands for (null to skip the record)
     * @param remembered     how far back results count; older ones are forgotten (at worst one more model call)
     * @param catchUpTimeout the longest the listeners' start waits for the topic to be read (Kafka may be down)
     */
    public PublishedParts(String topic, Function<ConsumerRecord<String, byte[]>, String> partKeyOf,
            ConsumerFactory<String, byte[]> consumers, ProvenanceCheck provenance, Duration remembered,
            Duration catchUpTimeout, long maxParts) {
        this(topic, partKeyOf, consumers, provenance, remembered, catchUpTimeout, maxParts, false);
    }

    /** @param keepResults keep each result's bytes, for a service that must act on its earlier result again */
    public PublishedParts(String topic, Function<ConsumerRecord<String, byte[]>, String> partKeyOf,
            ConsumerFactory<String, byte[]> consumers, ProvenanceCheck provenance, Duration remembered,
            Duration catchUpTimeout, long maxParts, boolean keepResults) {
        this.keepResults = keepResults;
        this.topic = topic;
        this.partKeyOf = partKeyOf;
        this.consumers = consumers;
        this.provenance = provenance;
        this.remembered = remembered;
        this.catchUpTimeout = catchUpTimeout;
        this.clock = Clock.systemUTC();
        this.published = Caffeine.newBuilder().expireAfterWrite(remembered).maximumSize(maxParts).build();
    }

    /**
     * Parts of a result topic whose JSON values name their course ({@code courseId}), their part ({@code partIdOf})
     * and optionally a {@code revision}; remembered for a day, as many as a busy day produces.
     */
    public static PublishedParts of(String topic, Function<JsonNode, String> partIdOf, ConsumerFactory<?, ?> consumers,
            ProvenanceCheck provenance, JsonMapper json) {
        return of(topic, partIdOf, consumers, provenance, json, false);
    }

    /** The same, keeping each result (for fewer, smaller results, such as outlines). */
    public static PublishedParts withResults(String topic, Function<JsonNode, String> partIdOf,
            ConsumerFactory<?, ?> consumers, ProvenanceCheck provenance, JsonMapper json) {
        return of(topic, partIdOf, consumers, provenance, json, true);
    }

    @SuppressWarnings("unchecked")
    private static PublishedParts of(String topic, Function<JsonNode, String> partIdOf, ConsumerFactory<?, ?> consumers,
            ProvenanceCheck provenance, JsonMapper json, boolean keepResults) {
        Function<ConsumerRecord<String, byte[]>, String> partKeyOf = record -> {
            try {
                JsonNode value = json.readTree(record.value());
                String partId = partIdOf.apply(value);
                JsonNode revision = value.path("revision");
                return partId == null ? null : key(value.path("courseId").asString(), partId,
                        revision.isNumber() ? revision.asInt() : null);
            } catch (JacksonException unreadable) {
                return null;
            }
        };
        return new PublishedParts(topic, partKeyOf, (ConsumerFactory<String, byte[]>) consumers, provenance,
                Duration.ofHours(24), Duration.ofSeconds(30), keepResults ? 200_000 : 2_000_000, keepResults);
    }

    /** A part of a course in one revision (null = the first generation). */
    public static String key(String courseId, String partId, Integer revision) {
        return courseId + "/" + partId + "#" + (revision == null ? 1 : revision);
    }

    public boolean contains(String partKey) {
        return published.getIfPresent(partKey) != null;
    }

    /** The result's bytes, if this part was published and results are kept. */
    public Optional<byte[]> result(String partKey) {
        byte[] result = published.getIfPresent(partKey);
        return result == null || result.length == 0 ? Optional.empty() : Optional.of(result);
    }

    /** Call once Kafka acknowledged the result. */
    public void add(String partKey) {
        published.put(partKey, NO_RESULT);
    }

    /** Call once Kafka acknowledged the result; the bytes are kept only if results are. */
    public void add(String partKey, byte[] result) {
        published.put(partKey, keepResults && result != null ? result : NO_RESULT);
    }

    @Override
    public void start() {
        running = true;
        reader = new Thread(this::read, "published-parts-" + topic);
        reader.setDaemon(true);
        reader.start();
        try {
            if (!caughtUp.await(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Could not read {} to its end within {}; redelivered work may call the model again", topic,
                        catchUpTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Reads until stopped; if the broker cannot be reached it tries again, as the listeners' consumers do. */
    private void read() {
        while (running) {
            try {
                readUntilStopped();
                return;
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                log.warn("Reading {} failed, trying again: {}", topic, e.toString());
                try {
                    Thread.sleep(RETRY_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void readUntilStopped() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (Consumer<String, byte[]> reading = consumers.createConsumer(null, null, "-published-parts", overrides)) {
            consumer = reading;
            List<TopicPartition> partitions = reading.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            reading.assign(partitions);
            seekToRememberedStart(reading, partitions);
            Map<TopicPartition, Long> ends = reading.endOffsets(partitions);
            long count = 0;
            while (running) {
                for (ConsumerRecord<String, byte[]> record : reading.poll(Duration.ofMillis(500))) {
                    if (!provenance.accepts(record)) {
                        continue;
                    }
                    String partKey = partKeyOf.apply(record);
                    if (partKey != null) {
                        add(partKey, record.value());
                        count++;
                    }
                }
                if (caughtUp.getCount() > 0
                        && partitions.stream().allMatch(partition -> reading.position(partition) >= ends.get(partition))) {
                    log.info("Read {} published parts from {}", count, topic);
                    caughtUp.countDown();
                }
            }
        }
    }

    private void seekToRememberedStart(Consumer<String, byte[]> reading, List<TopicPartition> partitions) {
        long since = clock.millis() - remembered.toMillis();
        Map<TopicPartition, OffsetAndTimestamp> starts = reading.offsetsForTimes(partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> since)));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp start = starts.get(partition);
            if (start == null) {
                reading.seekToEnd(List.of(partition));
            } else {
                reading.seek(partition, start.offset());
            }
        }
    }
}
