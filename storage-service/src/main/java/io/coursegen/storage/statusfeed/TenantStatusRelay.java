package io.coursegen.storage.statusfeed;

import io.coursegen.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Copies every {@code course.status} record that names a tenant ({@code tenantId} in its value: a status snapshot,
 * or a rejection whose submitter was known) to {@code course.status.<tenantId>}: the same key (so one course's
 * snapshots keep their order on one partition of the tenant's topic), the same value bytes and the same headers
 * (CloudEvents attributes included; {@code traceparent} is replaced by this hop's span of the same trace). A record
 * without a tenant, or whose tenant has no topic, is skipped and counted, never sent: it must not hold up the records
 * behind it.
 *
 * <p>The listener returns only after the copy is acknowledged, so its offset is committed after the copy exists; a
 * failed send throws, and the shared error handler retries and at last dead-letters the record
 * ({@code course.status.DLT}). Reads from the earliest offset when the group is new, so the statuses published
 * between provisioning and this service's first poll are not lost.
 */
class TenantStatusRelay {

    private static final Logger log = LoggerFactory.getLogger(TenantStatusRelay.class);

    static final String LISTENER_ID = "storage-tenant-status";
    static final String GROUP = "storage-service-tenant-status";

    private final KafkaTemplate<String, byte[]> copies;
    private final TenantStatusTopics topics;
    private final JsonMapper json;
    private final Counter relayed;
    private final Counter withoutTenant;
    private final Counter withoutTopic;

    TenantStatusRelay(KafkaTemplate<String, byte[]> copies, TenantStatusTopics topics, JsonMapper json,
            MeterRegistry meters) {
        this.copies = copies;
        this.topics = topics;
        this.json = json;
        this.relayed = outcome(meters, "relayed");
        this.withoutTenant = outcome(meters, "no-tenant");
        this.withoutTopic = outcome(meters, "no-topic");
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.COURSE_STATUS, groupId = GROUP)
    void on(ConsumerRecord<String, byte[]> record) {
        Optional<String> tenant = tenantOf(record);
        if (tenant.isEmpty()) {
            withoutTenant.increment();
            return;
        }
        Optional<String> topic = topics.of(tenant.get());
        if (topic.isEmpty()) {
            log.debug("No status topic for tenant {}: record {}-{}@{} not copied", tenant.get(), record.topic(),
                    record.partition(), record.offset());
            withoutTopic.increment();
            return;
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        // added by our own listener container (how often it was tried), not by the record's producer
        headers.remove(KafkaHeaders.DELIVERY_ATTEMPT);
        copies.send(new ProducerRecord<>(topic.get(), null, record.key(), record.value(), headers)).join();
        relayed.increment();
    }

    /** The value's {@code tenantId}; empty for a record without one, or one that is not a JSON object. */
    private Optional<String> tenantOf(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            JsonNode tenant = json.readTree(record.value()).get("tenantId");
            return tenant != null && tenant.isString() && !tenant.asString().isBlank()
                    ? Optional.of(tenant.asString()) : Optional.empty();
        } catch (JacksonException e) {
            // not ours to judge: course.status's own consumers dead-letter what they cannot read
            log.warn("Unreadable record {}-{}@{} not copied: {}", record.topic(), record.partition(), record.offset(),
                    e.getOriginalMessage());
            return Optional.empty();
        }
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("coursegen.status.feed.records")
                .description("course.status records the tenant status feed copied, or skipped and why")
                .tag("outcome", outcome)
                .register(meters);
    }
}
