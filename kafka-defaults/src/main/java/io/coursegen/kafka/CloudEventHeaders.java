package io.coursegen.kafka;

import io.coursegen.contracts.EventTypes;
import io.coursegen.contracts.Topics;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.MDC;

/**
 * Gives every record a producer sends the CloudEvents 1.0 attributes in Kafka binary mode ({@code ce_id},
 * {@code ce_source}, {@code ce_type}, {@code ce_specversion}, {@code ce_time}, {@code ce_subject} = the
 * courseId of the key, {@code content-type}), so any consumer can tell what a record is without reading
 * its value, which stays the JSON it always was. The SDK builds (and validates) the event and writes its
 * headers; a header the record already has is kept, so a dead-lettered record keeps its original identity
 * and a producer may set its own attribute (a more specific type, say).
 *
 * <p>The extension attribute {@code tenantid} ({@code ce_tenantid}) names the course's tenant: the record's own
 * {@code tenantId} where its contract has one, else the tenant of the record the sending thread is handling
 * ({@link CourseLogContext} keeps it in the MDC), so the tenant travels the whole chain, also on the facts
 * whose contracts do not name it, and every consumer logs it.
 *
 * <p>Kafka creates this interceptor from {@code interceptor.classes} and configures it with the producer
 * configuration, where {@link #SOURCE_CONFIG} names the sending service.
 */
public class CloudEventHeaders implements ProducerInterceptor<Object, Object> {

    /** Producer configuration key holding the CloudEvents {@code source} of this service's records. */
    public static final String SOURCE_CONFIG = "coursegen.cloudevents.source";

    static final String CONTENT_TYPE = "application/json";
    /** CloudEvents extension naming the tenant (lowercase letters only, as the specification asks). */
    static final String TENANT_EXTENSION = "tenantid";
    /** The Kafka header of {@link #TENANT_EXTENSION} in binary mode. */
    public static final String TENANT_HEADER = "ce_" + TENANT_EXTENSION;

    /** The {@code tenantId()} accessor of a record class, looked up once per class. */
    private static final ClassValue<Method> TENANT_ACCESSOR = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return null;
            }
            return Arrays.stream(type.getRecordComponents())
                    .filter(component -> component.getName().equals("tenantId") && component.getType() == String.class)
                    .map(RecordComponent::getAccessor)
                    .findFirst().orElse(null);
        }
    };

    private final Clock clock;
    private URI source = URI.create("/coursegen");

    public CloudEventHeaders() {
        this(Clock.systemUTC());
    }

    CloudEventHeaders(Clock clock) {
        this.clock = clock;
    }

    /** The source for a service: {@code /coursegen/<spring.application.name>}, or {@code /coursegen} without a name. */
    public static String sourceOf(String applicationName) {
        return applicationName == null || applicationName.isBlank() ? "/coursegen" : "/coursegen/" + applicationName;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(SOURCE_CONFIG);
        if (configured != null) {
            source = URI.create(configured.toString());
        }
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(source)
                .withType(EventTypes.typeOf(record.topic()))
                .withTime(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .withDataContentType(CONTENT_TYPE);
        if (record.key() != null) {
            event.withSubject(Topics.courseIdOfKey(record.key().toString()));
        }
        String tenant = tenantOf(record.value());
        if (tenant != null && !tenant.isBlank()) {
            event.withExtension(TENANT_EXTENSION, tenant);
        }
        addMissing(record.topic(), record.headers(), event.build());
        return record;
    }

    private static String tenantOf(Object value) {
        Method accessor = value == null ? null : TENANT_ACCESSOR.get(value.getClass());
        if (accessor != null) {
            try {
                Object tenant = accessor.invoke(value);
                if (tenant != null) {
                    return tenant.toString();
                }
            } catch (ReflectiveOperationException e) {
                // a record accessor that cannot be called: fall back to the thread's tenant
            }
        }
        return MDC.get(CourseLogContext.TENANT);
    }

    private static void addMissing(String topic, Headers headers, CloudEvent event) {
        Headers attributes = KafkaMessageFactory.createWriter(topic).writeBinary(event).headers();
        for (Header attribute : attributes) {
            if (headers.lastHeader(attribute.key()) == null) {
                headers.add(attribute);
            }
        }
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
