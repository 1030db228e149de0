package io.coursegen.kafka;

import io.coursegen.contracts.Topics;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;

/**
 * Tags every Kafka send and receive span with the course ({@value #COURSE_ID}, from the record key) and its tenant
 * ({@value #TENANT}, from the {@code ce_tenantid} header), so a trace backend finds one course's trace by its id.
 * High-cardinality only: spans carry them, the Kafka timers that Prometheus scrapes do not.
 */
public class CourseSpanTags implements ObservationFilter {

    /** Span attribute naming the course a record is about. */
    public static final String COURSE_ID = "coursegen.course.id";
    /** Span attribute naming the course's tenant. */
    public static final String TENANT = "coursegen.tenant";

    @Override
    public Observation.Context map(Observation.Context context) {
        if (context instanceof KafkaRecordReceiverContext receiving) {
            tag(context, receiving.getRecord().key(), receiving.getRecord().headers());
        } else if (context instanceof KafkaRecordSenderContext sending) {
            tag(context, sending.getRecord().key(), sending.getRecord().headers());
        }
        return context;
    }

    private static void tag(Observation.Context context, Object key, Headers headers) {
        if (key != null) {
            context.addHighCardinalityKeyValue(KeyValue.of(COURSE_ID, Topics.courseIdOfKey(key.toString())));
        }
        Header tenant = headers.lastHeader(CloudEventHeaders.TENANT_HEADER);
        String tenantId = tenant != null && tenant.value() != null ? new String(tenant.value(), StandardCharsets.UTF_8)
                : MDC.get(CourseLogContext.TENANT);
        if (tenantId != null) {
            context.addHighCardinalityKeyValue(KeyValue.of(TENANT, tenantId));
        }
    }
}
