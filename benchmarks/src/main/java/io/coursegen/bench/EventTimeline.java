package io.coursegen.bench;

import io.coursegen.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every pipeline event of every course, read from the broker as another consumer (its own reader, no group), with
 * the producer's timestamp: when each outline, lesson and picture was published and when the course completed. It
 * is how the benchmark sees where a course's time goes and how many model calls the parts took.
 */
final class EventTimeline implements AutoCloseable {

    static final List<String> TOPICS = List.of(Topics.COURSE_OUTLINED, Topics.LESSON_GENERATED,
            Topics.IMAGE_GENERATED, Topics.COURSE_PART_FAILED, Topics.COURSE_STATUS);

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, List<Event>> byCourse = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Object finals = new Object();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;

    private EventTimeline(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-timeline"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(this::read, "bench-timeline");
        reader.setDaemon(true);
        reader.start();
    }

    static EventTimeline start(String bootstrapServers) {
        return new EventTimeline(bootstrapServers);
    }

    private void read() {
        while (running.get()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key() != null) {
                    Event event = event(record);
                    List<Event> events = byCourse.computeIfAbsent(record.key(), key -> new ArrayList<>());
                    synchronized (events) {
                        events.add(event);
                    }
                    if (event.isFinal()) {
                        synchronized (finals) {
                            finals.notifyAll();
                        }
                    }
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    private Event event(ConsumerRecord<String, byte[]> record) {
        JsonNode value = json.readTree(record.value());
        String part = switch (record.topic()) {
            case Topics.LESSON_GENERATED -> value.path("lessonId").asString();
            case Topics.IMAGE_GENERATED -> value.path("imageId").asString();
            case Topics.COURSE_PART_FAILED -> value.path("partId").asString();
            case Topics.COURSE_STATUS -> value.path("status").asString();
            default -> "";
        };
        return new Event(record.topic(), part, record.timestamp(), System.nanoTime(), record.partition());
    }

    List<Event> events(String courseId) {
        List<Event> events = byCourse.get(courseId);
        if (events == null) {
            return List.of();
        }
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The first final status of the course (COMPLETED, FAILED or CANCELLED), if one arrived. */
    Optional<Event> finalStatus(String courseId) {
        return events(courseId).stream().filter(Event::isFinal).findFirst();
    }

    /** Waits until every course has a final status or the deadline passes; returns how many have one. */
    int awaitFinal(Collection<String> courseIds, Duration deadline) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        synchronized (finals) {
            while (true) {
                int done = (int) courseIds.stream().filter(id -> finalStatus(id).isPresent()).count();
                long left = until - System.nanoTime();
                if (done == courseIds.size() || left <= 0) {
                    return done;
                }
                TimeUnit.NANOSECONDS.timedWait(finals, Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)));
            }
        }
    }

    /** Stops reading; waits for this reader only, the broker keeps running. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(10_000);
    }

    /**
     * @param part         lessonId, imageId, partId or status, by topic
     * @param publishedAt  the producer's timestamp, epoch milliseconds
     * @param receivedNanos when this reader saw it ({@link System#nanoTime()})
     */
    record Event(String topic, String part, long publishedAt, long receivedNanos, int partition) {

        boolean isFinal() {
            return Topics.COURSE_STATUS.equals(topic)
                    && (part.equals("COMPLETED") || part.equals("FAILED") || part.equals("CANCELLED"));
        }
    }
}
