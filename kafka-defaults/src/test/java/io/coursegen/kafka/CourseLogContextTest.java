package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The interceptor on its own; KafkaDefaultsTest shows it in a running listener container. */
class CourseLogContextTest {

    private final CourseLogContext context = new CourseLogContext();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void aPartRecordNamesItsCourseAndTheTenantFromItsHeader() {
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>("lesson.requested", 0, 0, "c-1/lesson:lesson-02", "{}");
        record.headers().add(CloudEventHeaders.TENANT_HEADER, "acme".getBytes(StandardCharsets.UTF_8));

        context.intercept(record, null);

        assertThat(MDC.get(CourseLogContext.COURSE_ID)).isEqualTo("c-1");
        assertThat(MDC.get(CourseLogContext.TENANT)).isEqualTo("acme");
    }

    @Test
    void nothingIsLeftAfterTheRecordOrThePollAndOtherKeysStay() {
        MDC.put("traceId", "kept");
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>("course.outlined", 0, 0, "c-1", "{}");
        record.headers().add(CloudEventHeaders.TENANT_HEADER, "acme".getBytes(StandardCharsets.UTF_8));

        context.intercept(record, null);
        context.afterRecord(record, null);
        assertThat(MDC.get(CourseLogContext.COURSE_ID)).isNull();
        assertThat(MDC.get(CourseLogContext.TENANT)).isNull();

        context.intercept(record, null);
        context.clearThreadState(null);
        assertThat(MDC.get(CourseLogContext.COURSE_ID)).isNull();
        assertThat(MDC.get("traceId")).isEqualTo("kept");
    }

    @Test
    void aRecordWithoutKeyOrTenantDoesNotInheritThoseOfTheRecordBefore() {
        ConsumerRecord<Object, Object> first = new ConsumerRecord<>("course.outlined", 0, 0, "c-1", "{}");
        first.headers().add(CloudEventHeaders.TENANT_HEADER, "acme".getBytes(StandardCharsets.UTF_8));
        context.intercept(first, null);

        context.intercept(new ConsumerRecord<>("course.status", 0, 1, null, "{}"), null);

        assertThat(MDC.get(CourseLogContext.COURSE_ID)).isNull();
        assertThat(MDC.get(CourseLogContext.TENANT)).isNull();
    }
}
