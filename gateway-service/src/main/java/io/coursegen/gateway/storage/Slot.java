package io.coursegen.gateway.storage;

import java.time.Duration;

/**
 * One of a tenant's slots at storage-service ({@code /internal/v1/slots}), which count what the tenant holds across
 * every gateway instance: {@code holder} has it for {@code leaseSeconds} from its take or its latest renewal.
 *
 * @param id <code>&lt;kind&gt;:&lt;tenant&gt;:&lt;i&gt;</code>
 */
public record Slot(String id, String holder, long leaseSeconds) {

    public Duration lease() {
        return Duration.ofSeconds(leaseSeconds);
    }
}
