package io.coursegen.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * What this service's consumers do with a record's {@link RecordProvenance}: on a topic with owners, a record that is
 * unsigned, wrongly signed or signed by a service that does not produce the topic is ignored. It never reaches a
 * listener, its offset is committed like any handled record's, and it is not dead-lettered (a dead letter is there to
 * be replayed). Each is logged once at WARN, without its key or value, and counted in
 * {@code coursegen.kafka.records.refused{topic,reason}}. Without a record secret every record is taken, as before.
 *
 * <p>Listeners get it as the first step of kafka-defaults' record interceptor; {@link PublishedParts}, a consumer of
 * its own, asks {@link #accepts} itself.
 */
public final class ProvenanceCheck {

    private static final Logger log = LoggerFactory.getLogger(ProvenanceCheck.class);
    static final String REFUSED_METER = "coursegen.kafka.records.refused";
    /** A producer name is written to the log as it came off the wire: only characters a service name has, cut short. */
    private static final int SHOWN_PRODUCER_LENGTH = 64;

    private final RecordProvenance provenance;
    private final MeterRegistry meters;

    /** @param provenance null where records are not verified (no secret set) */
    ProvenanceCheck(RecordProvenance provenance, MeterRegistry meters) {
        this.provenance = provenance;
        this.meters = meters;
    }

    /** Takes every record: for consumers in tests and services that run without a record secret. */
    public static ProvenanceCheck none() {
        return new ProvenanceCheck(null, null);
    }

    /** Whether the record may be handled; if not, it has been logged and counted. */
    public boolean accepts(ConsumerRecord<?, ?> record) {
        if (provenance == null) {
            return true;
        }
        Optional<RecordProvenance.Refusal> refusal = provenance.check(record.topic(), record.headers(),
                bytes(record.key()), bytes(record.value()));
        if (refusal.isEmpty()) {
            return true;
        }
        log.warn("Ignoring record topic={} partition={} offset={} producer={}: {}", record.topic(), record.partition(),
                record.offset(), shown(RecordProvenance.producerOf(record.headers())), refusal.get().tag());
        meters.counter(REFUSED_METER, "topic", record.topic(), "reason", refusal.get().tag()).increment();
        return false;
    }

    /** For the listener containers: a refused record becomes null, which the container skips and commits. */
    RecordInterceptor<Object, Object> interceptor() {
        return (record, consumer) -> accepts(record) ? record : null;
    }

    /** Keys are strings and values bytes here (kafka-defaults' consumer factory); a listener's own types are not. */
    private static byte[] bytes(Object keyOrValue) {
        if (keyOrValue == null || keyOrValue instanceof byte[]) {
            return (byte[]) keyOrValue;
        }
        if (keyOrValue instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("Record provenance is checked on the raw record, got a "
                + keyOrValue.getClass().getName());
    }

    private static String shown(String producer) {
        if (producer == null) {
            return "none";
        }
        String cut = producer.length() > SHOWN_PRODUCER_LENGTH ? producer.substring(0, SHOWN_PRODUCER_LENGTH) : producer;
        return cut.replaceAll("[^A-Za-z0-9._-]", "?");
    }
}
