package io.coursegen.gateway.intake;

import io.coursegen.contracts.Topics;
import io.coursegen.gateway.auth.Tenant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Who submitted a record, by where it was written. On a tenant's own topic {@code course.requests.<tenantId>} the
 * broker already authenticated the producer (SASL) and allowed only that tenant's principal to write there (ACL):
 * the topic names the tenant, and any credential headers on the record are ignored. On the shared
 * {@code course.requests}, which a broker without security lets anyone write, the record's own API key decides
 * ({@link Credentials}).
 */
@Component
class Submitters {

    private final Credentials credentials;

    Submitters(Credentials credentials) {
        this.credentials = credentials;
    }

    /** The tenant, or empty with the reasons added; see {@link Credentials#tenantOf} for the shared topic. */
    Optional<Tenant> tenantOf(ConsumerRecord<?, ?> record, List<String> reasons) {
        Optional<String> owner = Topics.tenantOfCourseRequests(record.topic());
        if (owner.isPresent()) {
            return owner.map(Tenant::new);
        }
        return credentials.tenantOf(record, reasons);
    }

    /** A topic submissions arrive on: the shared one or a tenant's own. */
    static boolean isIntake(String topic) {
        return Topics.COURSE_REQUESTS.equals(topic) || Topics.tenantOfCourseRequests(topic).isPresent();
    }
}
