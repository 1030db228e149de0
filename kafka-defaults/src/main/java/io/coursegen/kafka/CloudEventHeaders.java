package io.coursegen.kafka;

import io.coursegen.contracts.EventTypes;
import io.coursegen.contracts.Topics;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Gives every record a producer sends the CloudEvents 1.0 attributes in Kafka binary mode ({@code ce_id},
 * {@code ce_source}, {@code ce_type}, {@code ce_specversion}, {@code ce_time}, {@code ce_subject} = the
 * courseId of the key, {@code content-type}), so any consumer can tell what a record is without reading
 * its value, which stays the JSON it always was. The SDK builds (and validates) the event and writes its
 * headers; a header the record already has is kept, so a dead-lettered record keeps its original identity
 * and a producer may set its own attribute (a more specific type, say).
 *
 * <p>Kafka creates this interceptor from {@code interceptor.classes} and configures it with the producer
 * configuration, where {@link #SOURCE_CONFIG} names the sending service.
 */
public class CloudEventHeaders implements ProducerInterceptor<Object, Object> {

    /** Producer configuration key holding the CloudEvents {@code source} of this service's records. */
    public static final String SOURCE_CONFIG = "coursegen.cloudevents.source";

    static final String CONTENT_TYPE = "application/json";

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
        addMissing(record.topic(), record.headers(), event.build());
        return record;
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
