package io.coursegen.kafka;

import io.coursegen.contracts.TopicOwners;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Which service produced a record, checkable by its consumers where Kafka's ACLs do not already guarantee it (Kafka
 * tells a consumer nothing about a record's producer). Every record a Coursegen service sends carries two headers:
 * {@value #PRODUCER_HEADER}, the service's {@code spring.application.name}, and {@value #SIGNATURE_HEADER},
 * {@code v1:<base64url HMAC-SHA256>} over a domain tag, the topic, that producer, the key's bytes and the value's
 * bytes (each length-prefixed, so no two different records sign the same), keyed with the secret every service shares
 * ({@code COURSEGEN_KAFKA_RECORD_SECRET}). On a topic {@link TopicOwners} guards, a consumer accepts a record only if
 * the signature is right and the producer it names is one of the topic's owners.
 *
 * <p>The producer header is this record's, not the event's: {@code ce_source} is kept when a record is copied (the
 * dead-letter and tenant status copies keep it), while the signer always writes both headers anew, so no service can
 * be made to sign under another's name. Other headers are not signed; consumers decide nothing that matters on them.
 */
public final class RecordProvenance {

    /** The service that produced this record ({@code spring.application.name}). */
    public static final String PRODUCER_HEADER = "coursegen-producer";
    /** {@code v1:<base64url HMAC-SHA256>} of the record, see the class documentation. */
    public static final String SIGNATURE_HEADER = "coursegen-signature";
    /** 256 bits as hex or base64 are 43-64 characters; shorter secrets are refused. */
    public static final int MINIMUM_SECRET_LENGTH = 32;

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    /** Keeps these signatures apart from any other HMAC made with the same secret by mistake. */
    private static final byte[] DOMAIN = "coursegen-record/v1".getBytes(StandardCharsets.UTF_8);

    /** Why a record was refused; the {@code reason} tag of {@code coursegen.kafka.records.refused}. */
    public enum Refusal {
        /** No signature: a client that is not a Coursegen service, or one without the secret. */
        UNSIGNED("unsigned"),
        /** A signature that is not of this record with this secret (forged, altered, or made with another secret). */
        BAD_SIGNATURE("bad-signature"),
        /** Rightly signed, by a service that does not produce this topic. */
        NOT_OWNER("not-owner");

        private final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final SecretKeySpec signing;
    private final List<SecretKeySpec> accepted;

    /**
     * @param secret       signs, and is accepted
     * @param alsoAccepted further secrets whose signatures are accepted (none but during a change of secret)
     * @throws IllegalArgumentException for a missing or short secret, naming the variable to set
     */
    public RecordProvenance(String secret, List<String> alsoAccepted) {
        this.signing = key(secret, "COURSEGEN_KAFKA_RECORD_SECRET (coursegen.kafka.record-secret)");
        List<SecretKeySpec> keys = new ArrayList<>(List.of(signing));
        alsoAccepted.stream().filter(other -> other != null && !other.isBlank()).forEach(other -> keys.add(key(other,
                "Each of COURSEGEN_KAFKA_ACCEPTED_RECORD_SECRETS (coursegen.kafka.accepted-record-secrets)")));
        this.accepted = List.copyOf(keys);
    }

    public RecordProvenance(String secret) {
        this(secret, List.of());
    }

    private static SecretKeySpec key(String secret, String what) {
        if (secret == null || secret.strip().length() < MINIMUM_SECRET_LENGTH) {
            throw new IllegalArgumentException(what + " must be a random value of at least " + MINIMUM_SECRET_LENGTH
                    + " characters, the same on every Coursegen service, e.g. openssl rand -hex 32");
        }
        return new SecretKeySpec(secret.strip().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** Replaces any provenance headers with this record's, as produced by {@code producer}. */
    public void sign(String topic, String producer, byte[] key, byte[] value, Headers headers) {
        headers.remove(PRODUCER_HEADER);
        headers.remove(SIGNATURE_HEADER);
        headers.add(PRODUCER_HEADER, producer.getBytes(StandardCharsets.UTF_8));
        String signature = VERSION + ":" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac(signing, topic, producer, key, value));
        headers.add(SIGNATURE_HEADER, signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The same, for a record sent by a plain Kafka producer with a UTF-8 string key (a tool, a test). */
    public void sign(ProducerRecord<String, byte[]> record, String producer) {
        sign(record.topic(), producer, record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                record.value(), record.headers());
    }

    /** Why a record with these headers, key and value bytes may not be taken from {@code topic}; empty if it may. */
    public Optional<Refusal> check(String topic, Headers headers, byte[] key, byte[] value) {
        Set<String> owners = TopicOwners.of(topic);
        if (owners.isEmpty()) {
            return Optional.empty();
        }
        Header signature = headers.lastHeader(SIGNATURE_HEADER);
        if (signature == null || signature.value() == null) {
            return Optional.of(Refusal.UNSIGNED);
        }
        String producer = producerOf(headers);
        if (producer == null || !matches(signature.value(), topic, producer, key, value)) {
            return Optional.of(Refusal.BAD_SIGNATURE);
        }
        return owners.contains(producer) ? Optional.empty() : Optional.of(Refusal.NOT_OWNER);
    }

    /** The producer a record names (not proof of anything until {@link #check} says so), or null. */
    public static String producerOf(Headers headers) {
        Header producer = headers.lastHeader(PRODUCER_HEADER);
        return producer == null || producer.value() == null ? null : new String(producer.value(), StandardCharsets.UTF_8);
    }

    private boolean matches(byte[] signature, String topic, String producer, byte[] key, byte[] value) {
        String text = new String(signature, StandardCharsets.US_ASCII);
        if (!text.startsWith(VERSION + ":")) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = Base64.getUrlDecoder().decode(text.substring(VERSION.length() + 1));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        for (SecretKeySpec secret : accepted) {
            if (MessageDigest.isEqual(claimed, mac(secret, topic, producer, key, value))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] mac(SecretKeySpec secret, String topic, String producer, byte[] key, byte[] value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            field(mac, DOMAIN);
            field(mac, topic.getBytes(StandardCharsets.UTF_8));
            field(mac, producer.getBytes(StandardCharsets.UTF_8));
            field(mac, key);
            field(mac, value);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** Its length (-1 for none) and its bytes: a null key and an empty one, or a shifted boundary, sign differently. */
    private static void field(Mac mac, byte[] bytes) {
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            mac.update(bytes);
        }
    }
}
