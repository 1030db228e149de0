package io.coursegen.gateway.intake;

import io.coursegen.contracts.CourseSubmission;
import io.coursegen.gateway.auth.KeysUnavailableException;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.auth.TenantKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

/**
 * Who submitted a record: the tenant its {@code coursegen-tenant} header names, if the
 * {@code coursegen-api-key} header holds one of that tenant's API keys (the same keys as the REST API's, configured
 * or made through the admin API; this runs on a Kafka thread, so it waits for storage-service's answer).
 */
@Component
class Credentials {

    private final TenantKeys keys;

    Credentials(TenantKeys keys) {
        this.keys = keys;
    }

    /**
     * The authenticated tenant, or empty with the reasons added (never echoing the key).
     *
     * @throws KeysUnavailableException if storage-service cannot say whose the key is: retried like any outage
     */
    Optional<Tenant> tenantOf(ConsumerRecord<?, ?> record, List<String> reasons) {
        String claimed = header(record, CourseSubmission.TENANT_HEADER);
        String key = header(record, CourseSubmission.API_KEY_HEADER);
        if (claimed == null) {
            reasons.add("header " + CourseSubmission.TENANT_HEADER + " is missing");
        }
        if (key == null) {
            reasons.add("header " + CourseSubmission.API_KEY_HEADER + " is missing");
        }
        if (claimed == null || key == null) {
            return Optional.empty();
        }
        Optional<Tenant> tenant = keys.tenantForBlocking(key).filter(owner -> owner.id().equals(claimed));
        if (tenant.isEmpty()) {
            reasons.add("header " + CourseSubmission.API_KEY_HEADER + " is not a key of tenant "
                    + Echo.shortened(claimed));
        }
        return tenant;
    }

    /** The header's value, stripped; null if absent or blank. */
    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String value = new String(header.value(), StandardCharsets.UTF_8).strip();
        return value.isEmpty() ? null : value;
    }
}
