package io.coursegen.kafka;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The producer factory's key and value serializers, signing every record ({@link RecordProvenance}) as this service.
 * The signature needs the key's and the value's bytes, but a value serializer is not given the key: the key
 * serializer hands its bytes on in a header of the record being sent ({@link #KEY_BYTES_HEADER}), which the value
 * serializer removes before it signs, so it never leaves the process. This relies on what {@code KafkaProducer.send}
 * does: it serializes the key, then the value, on the sending thread, and the record's headers stay writable until
 * both are done. State on the record itself, rather than in a thread-local, cannot leak from one record to the next.
 */
final class RecordSigning {

    static final String KEY_BYTES_HEADER = "coursegen-signing-key-bytes";

    private final RecordProvenance provenance;
    private final String producer;

    RecordSigning(RecordProvenance provenance, String producer) {
        this.provenance = provenance;
        this.producer = producer;
    }

    <K> Serializer<K> keys(Serializer<K> delegate) {
        return new Serializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                delegate.configure(configs, isKey);
            }

            @Override
            public byte[] serialize(String topic, K data) {
                return delegate.serialize(topic, data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, K data) {
                byte[] key = delegate.serialize(topic, headers, data);
                headers.remove(KEY_BYTES_HEADER);
                headers.add(KEY_BYTES_HEADER, key);
                return key;
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    <V> Serializer<V> values(Serializer<V> delegate) {
        return new Serializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                delegate.configure(configs, isKey);
            }

            @Override
            public byte[] serialize(String topic, V data) {
                return delegate.serialize(topic, data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, V data) {
                byte[] value = delegate.serialize(topic, headers, data);
                Header key = headers.lastHeader(KEY_BYTES_HEADER);
                if (key == null) {
                    throw new SerializationException("Cannot sign a record whose key was not serialized by "
                            + "RecordSigning's key serializer (topic " + topic + ")");
                }
                headers.remove(KEY_BYTES_HEADER);
                provenance.sign(topic, producer, key.value(), value, headers);
                return value;
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }
}
