package io.coursegen.kafka;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param partitions        partitions of every Coursegen topic and its dead-letter topic
 * @param replicationFactor 1 for a single broker; 3 in a production cluster
 * @param cancellations     how the generating services remember cancelled courses
 * @param recordSecret      signs every record this service sends and checks those it reads on topics with owners
 *                          ({@link RecordProvenance}; {@code COURSEGEN_KAFKA_RECORD_SECRET}, at least 32 characters,
 *                          the same on every service); unset, nothing is signed or checked; never printed
 * @param acceptedRecordSecrets signatures made with these are accepted too, to change the secret without refusing
 *                          the records in flight ({@code COURSEGEN_KAFKA_ACCEPTED_RECORD_SECRETS}); never printed
 */
@ConfigurationProperties("coursegen.kafka")
public record KafkaDefaultsProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue Retry retry,
        @DefaultValue Cancellations cancellations,
        String recordSecret,
        @DefaultValue List<String> acceptedRecordSecrets) {

    @Override
    public String toString() {
        return "KafkaDefaultsProperties[partitions=" + partitions + ", replicationFactor=" + replicationFactor
                + ", retry=" + retry + ", cancellations=" + cancellations + ", recordSecret=<hidden>"
                + ", acceptedRecordSecrets=<hidden>]";
    }

    /**
     * @param retries         redeliveries after the first failure before the record goes to the DLT
     * @param initialInterval back-off before the first retry, doubled each time up to maxInterval
     * @param notRetryable    failures that another attempt cannot fix (a contract violation, a model
     *                        answer that failed its repair): dead-lettered at once, in addition to
     *                        spring-kafka's own list (unreadable records and the like)
     * @param withheldHeaders record headers never copied to the DLT, such as a credential a submitter sent along
     */
    public record Retry(
            @DefaultValue("3") int retries,
            @DefaultValue("1s") Duration initialInterval,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("10s") Duration maxInterval,
            @DefaultValue List<Class<? extends Exception>> notRetryable,
            @DefaultValue List<String> withheldHeaders) {
    }

    /**
     * @param enabled    read {@code course.cancelled} into {@link CancelledCourses}: true in the services that
     *                   call models, false (no such consumer) elsewhere
     * @param remembered how long a cancellation is remembered after it was read
     * @param maxCourses at most this many cancelled courses are remembered (the oldest are forgotten first)
     */
    public record Cancellations(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("24h") Duration remembered,
            @DefaultValue("100000") long maxCourses) {
    }
}
