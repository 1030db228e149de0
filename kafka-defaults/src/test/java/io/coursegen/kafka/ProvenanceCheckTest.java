package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** The check on its own; {@code RecordProvenanceListenerTest} shows it in running listener containers. */
@ExtendWith(OutputCaptureExtension.class)
class ProvenanceCheckTest {

    private static final String SECRET = "provenance-check-test-secret-0123456789";
    private static final byte[] FORGED_VALUE = "{\"lessonId\":\"forged-lesson-body\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aRefusedRecordIsLoggedOnceWithoutItsValueAndCountedByTopicAndReason(CapturedOutput output) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ProvenanceCheck check = new ProvenanceCheck(new RecordProvenance(SECRET), meters);
        RecordHeaders headers = new RecordHeaders();
        headers.add(RecordProvenance.PRODUCER_HEADER, "content-service\n{\"forged\":1}".getBytes(StandardCharsets.UTF_8));

        boolean accepted = check.accepts(record(Topics.LESSON_GENERATED, headers));

        assertThat(accepted).isFalse();
        assertThat(meters.counter(ProvenanceCheck.REFUSED_METER, "topic", Topics.LESSON_GENERATED, "reason", "unsigned")
                .count()).isEqualTo(1);
        List<String> warnings = output.getOut().lines().filter(line -> line.contains("Ignoring record")).toList();
        assertThat(warnings).hasSize(1).first().asString()
                .contains("topic=lesson.generated", "partition=1", "offset=42", "unsigned")
                .contains("producer=content-service???forged??1?") // a claimed name cannot break the line
                .doesNotContain("forged-lesson-body");
    }

    @Test
    void withoutASecretEveryRecordIsTakenAndTheStartSaysOnceThatNothingIsVerified(CapturedOutput output) {
        ProvenanceCheck check = new KafkaDefaultsAutoConfiguration().coursegenProvenanceCheck(properties(null),
                new MockEnvironment().withProperty("spring.application.name", "content-service"),
                new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));

        assertThat(check.accepts(record(Topics.LESSON_GENERATED, new RecordHeaders()))).isTrue();
        assertThat(output.getOut().lines().filter(line -> line.contains("Internal Kafka records are not verified")))
                .hasSize(1).first().asString().contains("COURSEGEN_KAFKA_RECORD_SECRET");
    }

    @Test
    void withASecretTheStartSaysAsWhomRecordsAreSignedAndNeverTheSecret(CapturedOutput output) {
        ProvenanceCheck check = new KafkaDefaultsAutoConfiguration().coursegenProvenanceCheck(properties(SECRET),
                new MockEnvironment().withProperty("spring.application.name", "content-service"),
                new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class));

        assertThat(check.accepts(record(Topics.LESSON_GENERATED, new RecordHeaders()))).isFalse();
        assertThat(output.getOut()).contains("signed as content-service").doesNotContain(SECRET);
    }

    private static KafkaDefaultsProperties properties(String secret) {
        return new KafkaDefaultsProperties(6, (short) 1,
                new KafkaDefaultsProperties.Retry(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10),
                        List.of(), List.of()),
                new KafkaDefaultsProperties.Cancellations(false, Duration.ofHours(24), 100_000),
                secret, List.of());
    }

    private static ConsumerRecord<String, byte[]> record(String topic, RecordHeaders headers) {
        return new ConsumerRecord<>(topic, 1, 42, 0L, TimestampType.CREATE_TIME, 0, 0, "course-1", FORGED_VALUE,
                headers, Optional.empty());
    }
}
