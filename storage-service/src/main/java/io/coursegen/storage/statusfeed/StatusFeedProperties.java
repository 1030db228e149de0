package io.coursegen.storage.statusfeed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param perTenantTopics copy each {@code course.status} record naming a tenant to {@code course.status.<tenantId>},
 *                        where that topic exists; off by default, on where Kafka runs with ACLs and the tenants'
 *                        topics are provisioned (the local platform with {@code COURSEGEN_KAFKA_SECURITY=scram})
 * @param topicsRefresh   how old the list of existing tenant topics may get before it is read again (when a record
 *                        needs it): a newly created tenant topic is used, and a deleted one left alone, within this
 *                        time; a record for a tenant without a topic costs at most one listing per period
 * @param sendTimeout     how long a copy to a topic deleted since the last listing waits for its metadata before it
 *                        fails into the error handler (Kafka's {@code max.block.ms}; its own default is a minute)
 */
@ConfigurationProperties("coursegen.status-feed")
record StatusFeedProperties(
        @DefaultValue("false") boolean perTenantTopics,
        @DefaultValue("10s") Duration topicsRefresh,
        @DefaultValue("10s") Duration sendTimeout) {

    StatusFeedProperties {
        if (topicsRefresh.isNegative() || topicsRefresh.isZero()) {
            throw new IllegalArgumentException("coursegen.status-feed.topics-refresh must be positive, was " + topicsRefresh);
        }
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("coursegen.status-feed.send-timeout must be positive, was " + sendTimeout);
        }
    }
}
