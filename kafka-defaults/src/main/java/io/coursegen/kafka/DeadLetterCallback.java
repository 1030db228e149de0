package io.coursegen.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Told about each record after it was published to its dead-letter topic, so a service can report the
 * business consequence (for example that a course part failed for good).
 */
@FunctionalInterface
public interface DeadLetterCallback {

    void deadLettered(ConsumerRecord<?, ?> record, Exception cause);
}
