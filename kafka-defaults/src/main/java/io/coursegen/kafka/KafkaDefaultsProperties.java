package io.coursegen.kafka;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param partitions        partitions of every Coursegen topic and its dead-letter topic
 * @param replicationFactor 1 for a single broker; 3 in a production cluster
 * @param cancellations     how the generating services remember cancelled courses
 */
@ConfigurationProperties("coursegen.kafka")
public record KafkaDefaultsProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue Retry retry,
        @DefaultValue Cancellations cancellations) {

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
