package io.coursegen.gateway.intake;

import io.coursegen.contracts.CourseRejected;
import io.coursegen.contracts.EventTypes;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a {@link CourseRejected} on {@code course.status} and waits for the broker. The record names its
 * own CloudEvents type and subject (the interceptor keeps headers a record already has), because the topic's
 * default type is a status change and its key is a requestId here, not a courseId.
 */
@Component
class Rejections {

    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    private final KafkaTemplate<String, Object> kafka;

    Rejections(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    void publish(String key, CourseRejected rejection) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(EventTypes.COURSE_REJECTED.topic(), key, rejection);
        record.headers().add("ce_type", EventTypes.COURSE_REJECTED.type().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_subject", key.getBytes(StandardCharsets.UTF_8));
        kafka.send(record).join();
        log.info("Rejected submission {} of tenant {}: {}", key, rejection.tenantId(), rejection.reasons());
    }
}
