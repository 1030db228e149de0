package io.coursegen.kafka;

import io.coursegen.contracts.CourseCancelled;
import io.coursegen.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * {@link CancelledCourses} and the listener that fills it, for the services that spend model calls
 * (outline, content, image), which switch it on with {@code coursegen.kafka.cancellations.enabled=true};
 * gateway and storage have no use for it and start no such consumer.
 */
@AutoConfiguration(after = KafkaDefaultsAutoConfiguration.class)
@ConditionalOnProperty(name = "coursegen.kafka.cancellations.enabled", havingValue = "true")
@EnableConfigurationProperties(KafkaDefaultsProperties.class)
public class CancellationsAutoConfiguration {

    @Bean
    CancelledCourses cancelledCourses(KafkaDefaultsProperties properties) {
        KafkaDefaultsProperties.Cancellations cancellations = properties.cancellations();
        return new CancelledCourses(cancellations.remembered(), cancellations.maxCourses());
    }

    @Bean
    CourseCancelledListener courseCancelledListener(CancelledCourses cancelledCourses) {
        return new CourseCancelledListener(cancelledCourses);
    }

    /**
     * Every instance must see every cancellation, not its share of the partitions, so each reads in a
     * consumer group of its own (random per start) from the earliest offset: a restarted instance learns
     * the cancellations made while it was away. Committed offsets would never be read again, and such a
     * group disappears after the broker's offsets.retention.minutes.
     */
    static class CourseCancelledListener {

        private static final Logger log = LoggerFactory.getLogger(CourseCancelledListener.class);

        private final CancelledCourses cancelledCourses;

        CourseCancelledListener(CancelledCourses cancelledCourses) {
            this.cancelledCourses = cancelledCourses;
        }

        @KafkaListener(topics = Topics.COURSE_CANCELLED, concurrency = "1",
                groupId = "${spring.application.name:coursegen}.cancellations.#{T(java.util.UUID).randomUUID()}",
                properties = {"auto.offset.reset=earliest", "max.poll.records=500"})
        void on(CourseCancelled cancelled) {
            cancelledCourses.add(cancelled.courseId());
            log.info("Course {} was cancelled at {}: no further work starts for it here", cancelled.courseId(),
                    cancelled.cancelledAt());
        }
    }
}
