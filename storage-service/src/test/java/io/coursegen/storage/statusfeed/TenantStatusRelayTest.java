package io.coursegen.storage.statusfeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseRejected;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.EventTypes;
import io.coursegen.contracts.Topics;
import io.coursegen.storage.AsAGateway;
import io.coursegen.storage.EmbeddedStores;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service with the per-tenant status feed on, on a broker that creates no topic by itself (as a secured
 * platform's): each tenant's statuses land on its own topic only, in order and unchanged; a record for a tenant
 * without a topic, or without a tenant, is skipped without holding up the next; a tenant topic created later is used.
 */
@SpringBootTest(properties = {
        AsAGateway.SECRET_PROPERTY,
        "spring.config.name=storage-service",
        "coursegen.kafka.partitions=2",
        "coursegen.kafka.retry.initial-interval=100ms",
        "coursegen.kafka.retry.retries=1",
        "coursegen.status-feed.per-tenant-topics=true",
        "coursegen.status-feed.topics-refresh=300ms",
        // long, so the waits below can be generous on a busy machine and still be shorter than one blocked send
        "coursegen.status-feed.send-timeout=" + TenantStatusRelayTest.SEND_TIMEOUT_SECONDS + "s"})
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        topics = {"course.status.acme", "course.status.globex"},
        brokerProperties = "auto.create.topics.enable=false")
class TenantStatusRelayTest {

    /**
     * Shorter than a send to a missing topic would block: a relay that tried one would not have copied the next
     * record in time.
     */
    static final int SEND_TIMEOUT_SECONDS = 60;
    private static final Duration WAIT = Duration.ofSeconds(SEND_TIMEOUT_SECONDS).minusSeconds(15);
    private static final String STATUS_CHANGED = EventTypes.typeOf(Topics.COURSE_STATUS);

    @Autowired
    KafkaTemplate<String, Object> kafka;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TenantStatusTopics tenantTopics;

    private static Admin admin;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedStores.register(registry, "status-feed-test", "status-feed-test-secret");
    }

    @BeforeEach
    void relayAssigned() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        }
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer(TenantStatusRelay.LISTENER_ID), 2);
    }

    @AfterAll
    static void closeAdmin() {
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void eachTenantsStatusesLandOnItsOwnTopicOnlyAndOthersAreSkippedWithoutStallingTheNext() throws Exception {
        String ghostCourse = "ghost-" + UUID.randomUUID();
        String acmeCourse = "acme-" + UUID.randomUUID();
        String globexCourse = "globex-" + UUID.randomUUID();
        String request = "req-" + UUID.randomUUID();
        double relayed = count("relayed");
        double noTopic = count("no-topic");
        double noTenant = count("no-tenant");

        // one partition, in this order: the skipped records stand in front of the ones to copy
        send(ghostCourse, status(ghostCourse, "ghost", CourseStatus.GENERATING), STATUS_CHANGED);
        send(request, new CourseRejected(request, null, List.of("unreadable"), Instant.now()),
                EventTypes.COURSE_REJECTED.type());
        send(acmeCourse, status(acmeCourse, "acme", CourseStatus.GENERATING), STATUS_CHANGED);
        send(globexCourse, status(globexCourse, "globex", CourseStatus.COMPLETED), STATUS_CHANGED);
        send(request, new CourseRejected(request, "acme", List.of("lessonCount: must be at most 30"), Instant.now()),
                EventTypes.COURSE_REJECTED.type());
        send(acmeCourse, status(acmeCourse, "acme", CourseStatus.COMPLETED), STATUS_CHANGED);

        await().atMost(WAIT).until(() -> readAll(Topics.courseStatusOf("acme")).stream()
                .anyMatch(record -> record.key().equals(acmeCourse) && json(record).contains("COMPLETED")));
        awaitRelayCommittedEverything();

        List<ConsumerRecord<String, byte[]>> acme = readAll(Topics.courseStatusOf("acme")).stream()
                .filter(record -> Set.of(acmeCourse, request).contains(record.key())).toList();
        assertThat(acme).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(acmeCourse, request, acmeCourse);
        // keyed as on course.status, so one course's snapshots keep their order (on one partition)
        assertThat(acme.stream().filter(record -> record.key().equals(acmeCourse)).map(TenantStatusRelayTest::json))
                .satisfiesExactly(first -> assertThat(first).contains("GENERATING"),
                        second -> assertThat(second).contains("COMPLETED"));
        assertThat(readAll(Topics.courseStatusOf("globex"))).extracting(ConsumerRecord::key)
                .as("globex's topic holds globex's course and nothing of acme's").containsOnly(globexCourse).hasSize(1);
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                .as("no topic made for a tenant without one").doesNotContain("course.status.ghost");
        // counted: a skipped record would show here if it had been copied, and a copy made twice too
        assertThat(count("relayed") - relayed).isEqualTo(4);
        assertThat(count("no-topic") - noTopic).isEqualTo(1);
        assertThat(count("no-tenant") - noTenant).isEqualTo(1);

        // the copy is the record: same value bytes and the same CloudEvents headers (id, type, tenant, ...)
        Map<String, ConsumerRecord<String, byte[]>> originals = new HashMap<>();
        readAll(Topics.COURSE_STATUS).forEach(record -> originals.put(record.key() + "|" + json(record), record));
        for (ConsumerRecord<String, byte[]> copy : acme) {
            ConsumerRecord<String, byte[]> original = originals.get(copy.key() + "|" + json(copy));
            assertThat(original).as("the original of " + json(copy)).isNotNull();
            assertThat(cloudEventHeaders(copy)).isEqualTo(cloudEventHeaders(original)).containsKeys("ce_id", "ce_type");
            assertThat(copy.headers().lastHeader("kafka_deliveryAttempt")).isNull();
        }
        assertThat(acme.stream().filter(record -> record.key().equals(request)).map(TenantStatusRelayTest::cloudEventHeaders))
                .singleElement().satisfies(headers -> assertThat(headers)
                        .containsEntry("ce_type", EventTypes.COURSE_REJECTED.type()).containsEntry("ce_tenantid", "acme"));
    }

    @Test
    void aTenantTopicCreatedLaterIsUsedOnceTheListingIsRefreshed() throws Exception {
        String tenant = "initech-" + UUID.randomUUID().toString().substring(0, 8);
        String course = "course-" + UUID.randomUUID();
        assertThat(tenantTopics.of(tenant)).isEmpty();

        admin.createTopics(List.of(new NewTopic(Topics.courseStatusOf(tenant), 1, (short) 1))).all()
                .get(30, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> tenantTopics.of(tenant).isPresent());
        send(course, status(course, tenant, CourseStatus.OUTLINING), STATUS_CHANGED);

        await().atMost(WAIT).untilAsserted(() -> assertThat(readAll(Topics.courseStatusOf(tenant)))
                .extracting(ConsumerRecord::key).containsExactly(course));
    }

    private void send(String key, Object value, String type) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.COURSE_STATUS, 0, key, value);
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
    }

    private static CourseStatusChanged status(String courseId, String tenant, CourseStatus status) {
        return new CourseStatusChanged(courseId, tenant, status, 2, 6, null, Instant.now());
    }

    private double count(String outcome) {
        return meters.counter("coursegen.status.feed.records", "outcome", outcome).count();
    }

    /** Until the relay's group has committed the end of every course.status partition. */
    private void awaitRelayCommittedEverything() {
        await().atMost(WAIT).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(TenantStatusRelay.GROUP).partitionsToOffsetAndMetadata().get();
            try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                List<TopicPartition> partitions = partitions(consumer, Topics.COURSE_STATUS);
                return consumer.endOffsets(partitions).entrySet().stream().allMatch(end -> end.getValue() == 0
                        || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue());
            }
        });
    }

    /** Every record of a topic, from the beginning to its current end. */
    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            });
            return records;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", broker.getBrokersAsString()), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static String json(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> cloudEventHeaders(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.key().startsWith("ce_") || header.key().equals("content-type")) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
