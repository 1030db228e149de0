package io.coursegen.storage.webhooks;

import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.EventTypes;
import io.coursegen.contracts.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads this service's own {@code course.status} snapshots in a group of its own and queues their webhook
 * deliveries. Other types on the topic (the gateway's rejected submissions) are not course statuses and are
 * skipped.
 */
@Component
class WebhookStatusListener {

    private static final String STATUS_CHANGED = EventTypes.typeOf(Topics.COURSE_STATUS);

    private final WebhookDeliveries deliveries;
    private final JsonMapper json;

    WebhookStatusListener(WebhookDeliveries deliveries, JsonMapper json) {
        this.deliveries = deliveries;
        this.json = json;
    }

    /** From the latest offset: a webhook is told what happens after it was registered, not the topic's history. */
    @KafkaListener(id = "storage-webhooks", topics = Topics.COURSE_STATUS, groupId = "storage-service-webhooks",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader("ce_type");
        if (type != null && !STATUS_CHANGED.equals(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        deliveries.enqueue(json.readValue(record.value(), CourseStatusChanged.class));
    }
}
