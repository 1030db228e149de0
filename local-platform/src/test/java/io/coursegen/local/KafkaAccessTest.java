package io.coursegen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.Topics;
import io.coursegen.local.infra.EmbeddedKafka;
import io.coursegen.local.infra.KafkaSecurity;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform's Kafka with security on (the real {@link EmbeddedKafka}, provisioned by {@link KafkaAccess}): only
 * a principal with the right password gets in, and each may write and read exactly the topics of its job.
 */
@Timeout(180)
class KafkaAccessTest {

    private static final List<String> TENANTS = List.of("acme", "globex");
    private static final Map<String, String> PASSWORDS = new ConcurrentHashMap<>();
    private static final UnaryOperator<String> PASSWORD_OF = user -> PASSWORDS.computeIfAbsent(user, ignored -> random());

    @TempDir
    static Path logDir;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startSecuredKafka() {
        kafka = new EmbeddedKafka(logDir, 0, 0, new KafkaSecurity(0, PASSWORD_OF));
        kafka.start();
        try (Admin admin = Admin.create(kafka.adminClientProperties())) {
            KafkaAccess.provision(admin, TENANTS, 1, PASSWORD_OF, Duration.ofSeconds(30));
        }
        // one record on every topic, so a reader has something to read (or be refused)
        try (KafkaProducer<String, String> admin = producer(kafka.adminClientProperties())) {
            for (String topic : KafkaAccess.topics(TENANTS)) {
                admin.send(new ProducerRecord<>(topic, "seed", "{}")).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void contentServiceCannotWriteAnOutline() {
        try (KafkaProducer<String, String> content = producer(as("content-service"))) {
            assertThatThrownBy(() -> content.send(new ProducerRecord<>(Topics.COURSE_OUTLINED, "c1", "{}")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
            // what it produces it may, through the same producer
            assertThat(sent(content, Topics.LESSON_GENERATED)).isNull();
        }
    }

    @Test
    void aClientThatDoesNotLogInGetsNothing() {
        Map<String, Object> anonymous = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        try (KafkaProducer<String, String> producer = producer(anonymous)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.COURSE_ADMITTED, "c1", "{}")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsRefused() {
        for (Map<String, Object> client : List.of(
                KafkaSecurity.scramClient(kafka.bootstrapServers(), "outline-service", "not-the-password"),
                KafkaSecurity.scramClient(kafka.bootstrapServers(), "mallory", PASSWORD_OF.apply("outline-service")),
                // the admin's PLAIN password is no SCRAM password on the client listener
                KafkaSecurity.scramClient(kafka.bootstrapServers(), KafkaSecurity.ADMIN, PASSWORD_OF.apply(KafkaSecurity.ADMIN)))) {
            try (KafkaProducer<String, String> producer = producer(client)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.COURSE_OUTLINED, "c1", "{}")).get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    @Test
    void eachServiceWritesAndReadsExactlyTheTopicsOfItsJob() {
        List<String> topics = KafkaAccess.topics(TENANTS);
        for (KafkaAccess.Principal service : KafkaAccess.services(TENANTS)) {
            List<String> written = new ArrayList<>();
            try (KafkaProducer<String, String> producer = producer(as(service.user()))) {
                for (String topic : topics) {
                    Throwable failure = sent(producer, topic);
                    if (failure == null) {
                        written.add(topic);
                    } else {
                        assertThat(failure).as(service.user() + " writing " + topic).isInstanceOf(TopicAuthorizationException.class);
                    }
                }
            }
            assertThat(written).as(service.user() + " may write").containsExactlyInAnyOrderElementsOf(service.writes());

            List<String> read = new ArrayList<>();
            String group = service.groups().iterator().next();
            for (String topic : topics) {
                if (readAndCommit(as(service.user()), group, topic)) {
                    read.add(topic);
                }
            }
            assertThat(read).as(service.user() + " may read").containsExactlyInAnyOrderElementsOf(service.reads());
        }
    }

    @Test
    void aServiceMayUseOnlyItsOwnConsumerGroups() {
        // its own, and the per-start groups of its cancellation listener
        assertThat(readAndCommit(as("content-service"), "content-service", Topics.LESSON_REQUESTED)).isTrue();
        assertThat(readAndCommit(as("content-service"), "content-service.cancellations.0b6c", Topics.COURSE_CANCELLED)).isTrue();
        assertThat(readAndCommit(as("gateway-service"), "gateway-progress-0b6c", Topics.COURSE_STATUS)).isTrue();
        assertThat(readAndCommit(as("storage-service"), "storage-service-webhooks", Topics.COURSE_STATUS)).isTrue();
        // not another service's: it could take over that service's partitions or move its offsets
        assertThatThrownBy(() -> readAndCommit(as("content-service"), "image-service", Topics.COURSE_CANCELLED))
                .isInstanceOf(GroupAuthorizationException.class);
        assertThatThrownBy(() -> readAndCommit(as("gateway-service"), "storage-service-webhooks", Topics.COURSE_STATUS))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void aTenantMaySubmitOnlyOnItsOwnIntakeTopic() {
        try (KafkaProducer<String, String> acme = producer(as(KafkaAccess.tenantUser("acme")))) {
            assertThat(sent(acme, Topics.courseRequestsOf("acme"))).isNull();
            for (String elsewhere : List.of(Topics.courseRequestsOf("globex"), Topics.COURSE_REQUESTS,
                    Topics.COURSE_ADMITTED, Topics.COURSE_STATUS)) {
                assertThat(sent(acme, elsewhere)).as(elsewhere).isInstanceOf(TopicAuthorizationException.class);
            }
        }
        // and reads nothing of the platform's
        assertThat(readAndCommit(as(KafkaAccess.tenantUser("acme")), KafkaAccess.tenantGroupPrefix("acme") + "x",
                Topics.COURSE_STATUS)).isFalse();
    }

    @Test
    void aTenantReadsItsOwnStatusTopicAndNoOtherTenantsNorTheSharedOne() {
        Map<String, Object> acme = as(KafkaAccess.tenantUser("acme"));
        String group = KafkaAccess.tenantGroupPrefix("acme") + "status-reader";
        assertThat(readAndCommit(acme, group, Topics.courseStatusOf("acme"))).isTrue();
        assertThat(readAndCommit(acme, group, Topics.courseStatusOf("globex"))).as("globex's statuses").isFalse();
        assertThat(readAndCommit(acme, group, Topics.COURSE_STATUS)).as("every tenant's statuses").isFalse();
        // nor in a group outside its prefix, where it could take over another tenant's consumers or offsets
        assertThatThrownBy(() -> readAndCommit(acme, KafkaAccess.tenantGroupPrefix("globex") + "status-reader",
                Topics.courseStatusOf("acme"))).isInstanceOf(GroupAuthorizationException.class);
        // and it cannot write its feed: only storage-service fills it
        try (KafkaProducer<String, String> producer = producer(acme)) {
            assertThat(sent(producer, Topics.courseStatusOf("acme"))).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void storageServiceFillsEveryTenantsStatusTopicFromCourseStatusInTheFeedsOwnGroup() {
        try (KafkaProducer<String, String> storage = producer(as("storage-service"))) {
            for (String tenant : TENANTS) {
                assertThat(sent(storage, Topics.courseStatusOf(tenant))).as(tenant).isNull();
            }
        }
        assertThat(readAndCommit(as("storage-service"), "storage-service-tenant-status", Topics.COURSE_STATUS)).isTrue();
    }

    /** Null when the broker took the record, else why not. */
    private static Throwable sent(KafkaProducer<String, String> producer, String topic) {
        try {
            producer.send(new ProducerRecord<>(topic, "c1", "{}")).get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when the principal read the seeded record of partition 0 and committed its offset in {@code group};
     * false when the topic is not its to read. A refused group is thrown.
     */
    private static boolean readAndCommit(Map<String, Object> client, String group, String topic) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                    return !records.isEmpty();
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("Read nothing from " + topic, e);
            } catch (RuntimeException e) {
                Throwable cause = e instanceof org.awaitility.core.ConditionTimeoutException ? e.getCause() : e;
                if (cause instanceof TopicAuthorizationException) {
                    return false;
                }
                throw e;
            }
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(records.get(0).offset() + 1)));
            return true;
        }
    }

    private static Map<String, Object> as(String user) {
        return KafkaSecurity.scramClient(kafka.bootstrapServers(), user, PASSWORD_OF.apply(user));
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> client) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static String random() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
