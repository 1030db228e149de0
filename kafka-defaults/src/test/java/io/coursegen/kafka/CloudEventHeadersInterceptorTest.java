package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The interceptor on its own, for the cases the broker test does not reach. */
class CloudEventHeadersInterceptorTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30.123Z");

    private final CloudEventHeaders interceptor = new CloudEventHeaders(Clock.fixed(NOW, ZoneId.of("Europe/Berlin")));

    @Test
    void theTimeIsTheProducersClockInUtcAndTheSourceComesFromTheConfiguration() {
        interceptor.configure(Map.of(CloudEventHeaders.SOURCE_CONFIG, CloudEventHeaders.sourceOf("image-service")));

        ProducerRecord<Object, Object> record = interceptor.onSend(new ProducerRecord<>("image.generated", "c-1", "{}"));

        assertThat(header(record, "ce_time")).isEqualTo("2026-11-28T10:15:30.123Z");
        assertThat(header(record, "ce_source")).isEqualTo("/coursegen/image-service");
    }

    @Test
    void aRecordWithoutAKeyHasNoSubjectButEveryRequiredAttribute() {
        ProducerRecord<Object, Object> record = interceptor.onSend(new ProducerRecord<>("course.status", null, "{}"));

        assertThat(record.headers().lastHeader("ce_subject")).isNull();
        assertThat(keys(record)).contains("ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time", "content-type");
        assertThat(header(record, "ce_source")).as("no application name configured").isEqualTo("/coursegen");
    }

    @Test
    void aRecordThatAlreadyCarriesItsAttributesIsLeftAsItIs() {
        ProducerRecord<Object, Object> original = interceptor.onSend(new ProducerRecord<>("lesson.requested", "c-1/lesson:lesson-01", "{}"));
        ProducerRecord<Object, Object> deadLetter = new ProducerRecord<>("lesson.requested.DLT", null, "c-1/lesson:lesson-01",
                "{}", original.headers());

        ProducerRecord<Object, Object> sent = interceptor.onSend(deadLetter);

        assertThat(sent.headers().toArray()).containsExactly(original.headers().toArray());
        assertThat(header(sent, "ce_type")).isEqualTo("io.coursegen.lesson.requested.v1");
    }

    @Test
    void theTenantOfARecordThatNamesOneBecomesTheTenantExtension() {
        CourseRequestedLike value = new CourseRequestedLike("c-1", "acme");

        ProducerRecord<Object, Object> record = interceptor.onSend(new ProducerRecord<>("course.requested", "c-1", value));

        assertThat(header(record, CloudEventHeaders.TENANT_HEADER)).isEqualTo("acme");
    }

    @Test
    void aRecordWithoutATenantGetsTheTenantOfTheWorkInHandOrNone() {
        ProducerRecord<Object, Object> anonymous = interceptor.onSend(new ProducerRecord<>("lesson.generated", "c-1", "{}"));
        MDC.put(CourseLogContext.TENANT, "acme");
        ProducerRecord<Object, Object> inHand;
        try {
            inHand = interceptor.onSend(new ProducerRecord<>("lesson.generated", "c-1", "{}"));
        } finally {
            MDC.remove(CourseLogContext.TENANT);
        }

        assertThat(anonymous.headers().lastHeader(CloudEventHeaders.TENANT_HEADER)).isNull();
        assertThat(header(inHand, CloudEventHeaders.TENANT_HEADER)).isEqualTo("acme");
    }

    /** Shaped like the contracts that name their tenant. */
    public record CourseRequestedLike(String courseId, String tenantId) {
    }

    private static String header(ProducerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String[] keys(ProducerRecord<?, ?> record) {
        return Arrays.stream(record.headers().toArray()).map(Header::key).toArray(String[]::new);
    }
}
