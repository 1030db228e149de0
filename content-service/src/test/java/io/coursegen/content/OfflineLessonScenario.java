package io.coursegen.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.content.ModelCallTimeline.Call;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonGenerated;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Topics;
import io.coursegen.llm.StructuredChat;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.TestPropertySource;

/**
 * The offline provider: no model client exists, and the lesson says it is an offline draft. Its simulated latency
 * runs under the capacity limits, here one chat call at a time.
 */
@TestPropertySource(properties = {
        "coursegen.llm.provider=offline",
        "coursegen.llm.offline.chat-latency=150ms",
        "coursegen.llm.capacity.chat.max-concurrent=1"})
@Import(ModelCallTimeline.class)
abstract class OfflineLessonScenario extends ContentServiceScenario {

    @Autowired
    ApplicationContext context;
    @Autowired
    ModelCallTimeline timeline;
    @Autowired
    MeterRegistry meters;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void withOneChatCallAllowedLessonsOfBothPartitionsAreWrittenOneAtATimeEachAsASpanOfItsListener() throws Exception {
        List<LessonRequested> requests = List.of(
                lessonRequest("course-" + UUID.randomUUID(), "Light", false, "en"),
                lessonRequest("course-" + UUID.randomUUID(), "Water", false, "en"),
                lessonRequest("course-" + UUID.randomUUID(), "Roots", false, "en"),
                lessonRequest("course-" + UUID.randomUUID(), "Leaves", false, "en"));
        // until two consumers hold a partition each, one consumer may serve both, one after the other, and nothing
        // would ever wait for the slot
        await().atMost(Duration.ofSeconds(30)).until(() -> consumersWithAPartitionOf(Topics.LESSON_REQUESTED) == 2);
        try (Producer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < requests.size(); i++) {
                // both partitions, so both listener consumers ask for the one slot at once
                producer.send(new ProducerRecord<>(Topics.LESSON_REQUESTED, i % 2, requests.get(i).courseId(),
                        json.writeValueAsString(requests.get(i)))).get();
            }
        }

        for (LessonRequested request : requests) {
            topics.awaitRecords(request.courseId(), r -> r.count(Topics.LESSON_GENERATED) == 1);
        }

        List<Call> calls = timeline.inOrder();
        assertThat(calls).hasSizeGreaterThanOrEqualTo(requests.size())
                .allSatisfy(call -> assertThat(call.parent()).isEqualTo("spring.kafka.listener"));
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i).startedNanos()).as("call %d started after call %d ended", i, i - 1)
                    .isGreaterThanOrEqualTo(calls.get(i - 1).stoppedNanos());
        }
        assertThat(meters.get("coursegen.llm.capacity.wait").tags("provider", "offline", "type", "chat").timer()
                .max(TimeUnit.MILLISECONDS)).as("a call waited for the other's slot").isGreaterThan(50);
    }

    private long consumersWithAPartitionOf(String topic) {
        return listeners.getListenerContainers().stream()
                .filter(container -> Arrays.asList(container.getContainerProperties().getTopics()).contains(topic))
                .filter(ConcurrentMessageListenerContainer.class::isInstance)
                .flatMap(container -> ((ConcurrentMessageListenerContainer<?, ?>) container).getContainers().stream())
                .filter(consumer -> consumer.getAssignedPartitions() != null && !consumer.getAssignedPartitions().isEmpty())
                .count();
    }

    @Test
    void publishesALabelledOfflineDraftLessonWithoutAnyModel() throws Exception {
        LessonRequested request = request("How leaves catch light", true);

        Lesson lesson = topics.awaitRecords(request.courseId(), r -> r.count(Topics.LESSON_GENERATED) == 1)
                .values(Topics.LESSON_GENERATED, LessonGenerated.class).get(0).lesson();

        assertThat(context.getBeanProvider(StructuredChat.class).getIfAvailable()).isNull();
        assertThat(lesson.title()).isEqualTo("How leaves catch light");
        assertThat(lesson.markdown()).startsWith("> [Offline draft]")
                .contains("## Introduction", "## Explanation", "## Worked example", "## Summary");
        assertThat(lesson.keyTakeaways()).hasSize(3);
        assertThat(lesson.quiz()).hasSize(3).allSatisfy(question -> assertThat(question.options()).hasSize(4));
    }

    @Test
    void aRegeneratedDraftSaysWhichRevisionItIsAndKeepsTheRevision() throws Exception {
        LessonRequested first = lessonRequest("course-" + UUID.randomUUID(), "How leaves catch light", true, "en");
        LessonRequested request = new LessonRequested(first.courseId(), first.tenantId(), first.courseTitle(),
                first.spec(), first.lesson(), first.previousLessonTitle(), first.nextLessonTitle(), 2, "More examples");
        send(request.courseId(), json.writeValueAsString(request));

        LessonGenerated generated = topics.awaitRecords(request.courseId(), r -> r.count(Topics.LESSON_GENERATED) == 1)
                .values(Topics.LESSON_GENERATED, LessonGenerated.class).get(0);

        assertThat(generated.revision()).isEqualTo(2);
        assertThat(generated.lesson().markdown()).startsWith("> [Offline draft]")
                .contains("> [Offline draft] Revision 2: written again at the course owner's request.")
                .doesNotContain("More examples");
    }
}
