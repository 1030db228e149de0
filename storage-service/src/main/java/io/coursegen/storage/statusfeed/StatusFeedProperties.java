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
 */
@ConfigurationProperties("coursegen.status-feed")
record StatusFeedProperties(
        @DefaultValue("false") boolean perTenantTopics,
        @DefaultValue("10s") Duration topicsRefresh) {

    StatusFeedProperties {
        if (topicsRefresh.isNegative() || topicsRefresh.isZero()) {
            throw new IllegalArgumentException("coursegen.status-feed.topics-refresh must be positive, was " + topicsRefresh);
        }
    }
}
