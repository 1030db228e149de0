package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;

class CourseSpanTagsTest {

    private final CourseSpanTags tags = new CourseSpanTags();

    @Test
    void aReceiveSpanNamesTheCourseOfItsKeyAndTheTenantOfItsHeaderButNoMetricTagDoes() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("image.requested", 0, 0, "c-1/image:cover", "{}");
        record.headers().add(CloudEventHeaders.TENANT_HEADER, "acme".getBytes(StandardCharsets.UTF_8));
        Observation.Context context = new KafkaRecordReceiverContext(record, "listener", () -> "cluster");

        tags.map(context);

        assertThat(context.getHighCardinalityKeyValues()).contains(KeyValue.of(CourseSpanTags.COURSE_ID, "c-1"),
                KeyValue.of(CourseSpanTags.TENANT, "acme"));
        assertThat(context.getLowCardinalityKeyValues().stream().map(KeyValue::getKey))
                .doesNotContain(CourseSpanTags.COURSE_ID, CourseSpanTags.TENANT);
    }

    @Test
    void aSendSpanWithoutTenantHeaderTakesTheTenantOfTheWorkInHand() {
        Observation.Context context = new KafkaRecordSenderContext(
                new ProducerRecord<>("lesson.generated", "c-2", "{}"), "template", () -> "cluster");
        MDC.put(CourseLogContext.TENANT, "globex");
        try {
            tags.map(context);
        } finally {
            MDC.remove(CourseLogContext.TENANT);
        }

        assertThat(context.getHighCardinalityKeyValues()).contains(KeyValue.of(CourseSpanTags.COURSE_ID, "c-2"),
                KeyValue.of(CourseSpanTags.TENANT, "globex"));
    }

    @Test
    void otherObservationsAreLeftAlone() {
        Observation.Context context = new Observation.Context();

        tags.map(context);

        assertThat(context.getHighCardinalityKeyValues()).isEmpty();
    }
}
