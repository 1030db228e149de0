package io.coursegen.kafka;

import io.coursegen.contracts.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Every log line written while a listener handles a record names the course ({@code courseId}, from the record
 * key) and its tenant ({@code tenant}, from the {@code ce_tenantid} header that {@link CloudEventHeaders} adds),
 * next to the {@code traceId}/{@code spanId} the listener observation puts there. The container calls
 * {@link #intercept} before the listener and its observation, and {@link #afterRecord} only after the error
 * handler is done with a failed record, so the retry and dead-letter lines carry the course too; the keys are
 * removed after each record and, should a record end without {@code afterRecord} (an {@link Error}), after each
 * poll.
 */
public class CourseLogContext implements RecordInterceptor<Object, Object> {

    /** MDC key of the course a log line is about. */
    public static final String COURSE_ID = "courseId";
    /** MDC key of the tenant that course belongs to. */
    public static final String TENANT = "tenant";

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        clear();
        if (record.key() != null) {
            MDC.put(COURSE_ID, Topics.courseIdOfKey(record.key().toString()));
        }
        Header tenant = record.headers().lastHeader(CloudEventHeaders.TENANT_HEADER);
        if (tenant != null && tenant.value() != null) {
            MDC.put(TENANT, new String(tenant.value(), StandardCharsets.UTF_8));
        }
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        clear();
    }

    @Override
    public void clearThreadState(Consumer<?, ?> consumer) {
        clear();
    }

    private static void clear() {
        MDC.remove(COURSE_ID);
        MDC.remove(TENANT);
    }
}
