package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coursegen.contracts.Topics;
import io.coursegen.kafka.RecordProvenance.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The signature on its own; {@code RecordProvenanceListenerTest} shows it between a producer and listeners. */
class RecordProvenanceTest {

    private static final String SECRET = "record-provenance-test-secret-0123456789";
    private static final String OTHER_SECRET = "another-record-provenance-secret-9876543210";
    private static final byte[] KEY = "course-1/lesson:lesson-01".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "{\"courseId\":\"course-1\"}".getBytes(StandardCharsets.UTF_8);

    private final RecordProvenance provenance = new RecordProvenance(SECRET);

    @Test
    void aRecordItsTopicsOwnerSignedIsTaken() {
        Headers headers = signed(provenance, "content-service", Topics.LESSON_GENERATED, KEY, VALUE);

        assertThat(provenance.check(Topics.LESSON_GENERATED, headers, KEY, VALUE)).isEmpty();
        assertThat(RecordProvenance.producerOf(headers)).isEqualTo("content-service");
    }

    @Test
    void anUnsignedRecordOnATopicWithOwnersIsRefused() {
        assertThat(provenance.check(Topics.LESSON_GENERATED, new RecordHeaders(), KEY, VALUE)).contains(Refusal.UNSIGNED);
    }

    @Test
    void aSignatureIsRefusedForAnyOtherTopicKeyValueOrProducerThanItWasMadeFor() {
        Headers headers = signed(provenance, "content-service", Topics.LESSON_GENERATED, KEY, VALUE);

        assertThat(provenance.check(Topics.COURSE_OUTLINED, headers, KEY, VALUE)).contains(Refusal.BAD_SIGNATURE);
        assertThat(provenance.check(Topics.LESSON_GENERATED, headers, "course-2".getBytes(StandardCharsets.UTF_8), VALUE))
                .contains(Refusal.BAD_SIGNATURE);
        assertThat(provenance.check(Topics.LESSON_GENERATED, headers, null, VALUE)).contains(Refusal.BAD_SIGNATURE);
        assertThat(provenance.check(Topics.LESSON_GENERATED, headers, KEY, "{}".getBytes(StandardCharsets.UTF_8)))
                .contains(Refusal.BAD_SIGNATURE);
        headers.remove(RecordProvenance.PRODUCER_HEADER);
        headers.add(RecordProvenance.PRODUCER_HEADER, "outline-service".getBytes(StandardCharsets.UTF_8));
        assertThat(provenance.check(Topics.LESSON_GENERATED, headers, KEY, VALUE)).contains(Refusal.BAD_SIGNATURE);
    }

    @Test
    void aSignatureMadeWithAnotherSecretOrNotASignatureAtAllIsRefused() {
        Headers otherSecret = signed(new RecordProvenance(OTHER_SECRET), "content-service", Topics.LESSON_GENERATED,
                KEY, VALUE);
        Headers garbage = new RecordHeaders();
        garbage.add(RecordProvenance.PRODUCER_HEADER, "content-service".getBytes(StandardCharsets.UTF_8));
        garbage.add(RecordProvenance.SIGNATURE_HEADER, "v1:not base64 at all!".getBytes(StandardCharsets.US_ASCII));
        Headers withoutProducer = signed(provenance, "content-service", Topics.LESSON_GENERATED, KEY, VALUE);
        withoutProducer.remove(RecordProvenance.PRODUCER_HEADER);

        assertThat(provenance.check(Topics.LESSON_GENERATED, otherSecret, KEY, VALUE)).contains(Refusal.BAD_SIGNATURE);
        assertThat(provenance.check(Topics.LESSON_GENERATED, garbage, KEY, VALUE)).contains(Refusal.BAD_SIGNATURE);
        assertThat(provenance.check(Topics.LESSON_GENERATED, withoutProducer, KEY, VALUE)).contains(Refusal.BAD_SIGNATURE);
    }

    @Test
    void aRightlySignedRecordFromAServiceThatDoesNotProduceTheTopicIsRefused() {
        Headers headers = signed(provenance, "image-service", Topics.LESSON_GENERATED, KEY, VALUE);

        assertThat(provenance.check(Topics.LESSON_GENERATED, headers, KEY, VALUE)).contains(Refusal.NOT_OWNER);
    }

    @Test
    void aTopicWithoutOwnersTakesAnyRecord() {
        assertThat(provenance.check(Topics.COURSE_REQUESTS, new RecordHeaders(), KEY, VALUE)).isEmpty();
        assertThat(provenance.check(Topics.courseRequestsOf("acme"), new RecordHeaders(), KEY, VALUE)).isEmpty();
        assertThat(provenance.check(Topics.LESSON_GENERATED + Topics.DEAD_LETTER_SUFFIX, new RecordHeaders(), KEY, VALUE))
                .isEmpty();
    }

    @Test
    void aNullKeyAndAnEmptyKeySignDifferently() {
        Headers unkeyed = signed(provenance, "storage-service", Topics.COURSE_STATUS, null, VALUE);

        assertThat(provenance.check(Topics.COURSE_STATUS, unkeyed, null, VALUE)).isEmpty();
        assertThat(provenance.check(Topics.COURSE_STATUS, unkeyed, new byte[0], VALUE)).contains(Refusal.BAD_SIGNATURE);
    }

    @Test
    void signingReplacesTheProvenanceOfTheRecordItCopies() {
        Headers copied = signed(provenance, "gateway-service", Topics.COURSE_STATUS, KEY, VALUE);

        provenance.sign(Topics.COURSE_STATUS, "storage-service", KEY, VALUE, copied);

        assertThat(copied.headers(RecordProvenance.PRODUCER_HEADER)).hasSize(1);
        assertThat(copied.headers(RecordProvenance.SIGNATURE_HEADER)).hasSize(1);
        assertThat(RecordProvenance.producerOf(copied)).isEqualTo("storage-service");
        assertThat(provenance.check(Topics.COURSE_STATUS, copied, KEY, VALUE)).isEmpty();
    }

    @Test
    void duringAChangeOfSecretSignaturesWithEitherAreTakenAndTheNewOneSigns() {
        RecordProvenance changing = new RecordProvenance(OTHER_SECRET, List.of(SECRET));
        Headers old = signed(provenance, "content-service", Topics.LESSON_GENERATED, KEY, VALUE);
        Headers fresh = signed(changing, "content-service", Topics.LESSON_GENERATED, KEY, VALUE);

        assertThat(changing.check(Topics.LESSON_GENERATED, old, KEY, VALUE)).isEmpty();
        assertThat(changing.check(Topics.LESSON_GENERATED, fresh, KEY, VALUE)).isEmpty();
        assertThat(provenance.check(Topics.LESSON_GENERATED, fresh, KEY, VALUE)).contains(Refusal.BAD_SIGNATURE);
    }

    @Test
    void aMissingOrShortSecretStopsTheStartNamingTheVariableToSet() {
        assertThatThrownBy(() -> new RecordProvenance("too-short")).hasMessageContaining("COURSEGEN_KAFKA_RECORD_SECRET");
        assertThatThrownBy(() -> new RecordProvenance(SECRET, List.of("short")))
                .hasMessageContaining("COURSEGEN_KAFKA_ACCEPTED_RECORD_SECRETS");
    }

    @Test
    void theSerializersSignWhatTheyWriteAndLeaveNoHeaderOfTheirOwnOnTheRecord() {
        RecordSigning signing = new RecordSigning(provenance, "content-service");
        Serializer<String> keys = signing.keys(new StringSerializer());
        Serializer<byte[]> values = signing.values(new ByteArraySerializer());
        Headers headers = new RecordHeaders();

        // as KafkaProducer.send does: the key first, then the value, with the record's headers
        byte[] key = keys.serialize(Topics.LESSON_GENERATED, headers, "course-1/lesson:lesson-01");
        byte[] value = values.serialize(Topics.LESSON_GENERATED, headers, VALUE);

        assertThat(headers.lastHeader(RecordSigning.KEY_BYTES_HEADER)).isNull();
        assertThat(provenance.check(Topics.LESSON_GENERATED, headers, key, value)).isEmpty();
    }

    @Test
    void aValueWhoseKeyTheSigningKeySerializerDidNotWriteIsNotSent() {
        Serializer<byte[]> values = new RecordSigning(provenance, "content-service").values(new ByteArraySerializer());

        assertThatThrownBy(() -> values.serialize(Topics.LESSON_GENERATED, new RecordHeaders(), VALUE))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void theSecretComesFromCOURSEGEN_KAFKA_RECORD_SECRETAndIsNeverPrinted() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env", Map.of(
                "COURSEGEN_KAFKA_RECORD_SECRET", SECRET,
                "COURSEGEN_KAFKA_ACCEPTED_RECORD_SECRETS", OTHER_SECRET)));

        KafkaDefaultsProperties properties = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("coursegen.kafka", KafkaDefaultsProperties.class);

        assertThat(properties.recordSecret()).isEqualTo(SECRET);
        assertThat(properties.acceptedRecordSecrets()).containsExactly(OTHER_SECRET);
        assertThat(properties.toString()).doesNotContain(SECRET, OTHER_SECRET);
    }

    private static Headers signed(RecordProvenance provenance, String producer, String topic, byte[] key, byte[] value) {
        Headers headers = new RecordHeaders();
        provenance.sign(topic, producer, key, value, headers);
        return headers;
    }
}
