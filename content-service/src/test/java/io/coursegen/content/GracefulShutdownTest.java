package io.coursegen.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Topics;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.TopicReader;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Told to stop while a model call is under way (SIGTERM runs the same context close), the service waits for the call,
 * publishes the lesson and commits the record before it exits: its shutdown phase ({@code COURSEGEN_SHUTDOWN_TIMEOUT})
 * governs, not spring-kafka's 10 s container default, so the grace periods set in docker-compose.yml and deploy/k8s
 * above that phase really let a long call end. The call here takes 12 s.
 */
class GracefulShutdownTest {

    private static final Duration CALL = Duration.ofSeconds(12);

    @Test
    void aLessonInHandWhenTheServiceIsToldToStopIsFinishedPublishedAndCommittedBeforeItExits() throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.afterPropertiesSet();
        JsonMapper json = JsonMapper.builder().build();
        try (FakeOpenAiServer openAi = new FakeOpenAiServer("sk-shutdown", OpenAiLessonScenario::answer, new byte[0])) {
            openAi.delayNext(1, CALL);
            ConfigurableApplicationContext service = ContentServiceApplication.application().run(
                    "--server.port=0", "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                    "--coursegen.kafka.partitions=2", "--coursegen.llm.provider=openai",
                    "--coursegen.llm.api-key=sk-shutdown", "--coursegen.llm.base-url=" + openAi.baseUrl());
            LessonRequested request = ContentServiceScenario.lessonRequest("course-" + UUID.randomUUID(),
                    "Stomata close at noon", true, "en");
            RecordMetadata sent;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    KafkaTestUtils.producerProps(broker.getBrokersAsString()), new StringSerializer(), new StringSerializer())) {
                sent = producer.send(new ProducerRecord<>(Topics.LESSON_REQUESTED,
                        Topics.partKey(request.courseId(), "lesson:lesson-01"), json.writeValueAsString(request))).get();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> !openAi.received().isEmpty());

            long closing = System.nanoTime();
            service.close();
            Duration closed = Duration.ofNanos(System.nanoTime() - closing);

            assertThat(closed).as("the close waited for the call in hand").isGreaterThan(CALL.minusSeconds(3));
            assertThat(TopicReader.recordsSoFar(broker.getBrokersAsString(), Topics.LESSON_GENERATED, request.courseId()))
                    .as("the lesson in hand was published before the service exited").hasSize(1);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("content-service").partitionsToOffsetAndMetadata()
                        .get().get(new TopicPartition(sent.topic(), sent.partition()));
                assertThat(committed).as("the record's offset was committed, so no successor repeats the call").isNotNull();
                assertThat(committed.offset()).isGreaterThan(sent.offset());
            }
            assertThat(openAi.received()).hasSize(1);
        } finally {
            broker.destroy();
        }
    }
}
