package io.coursegen.storage.export;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param threads   exports written at once on this instance, on threads of their own: a client reading slowly
 *                  holds one of these, never a thread course reads need
 * @param perTenant exports one tenant may stream at once across all storage instances (read on every export)
 * @param lease     how long a tenant's export slot outlives an instance that stopped renewing it (crashed, cut
 *                  off from MongoDB); renewed every third of it while the export streams
 */
@ConfigurationProperties("coursegen.exports")
record ExportProperties(@DefaultValue("8") int threads, @DefaultValue("2") int perTenant,
                        @DefaultValue("30s") Duration lease) {

    ExportProperties {
        if (threads < 1 || perTenant < 1) {
            throw new IllegalArgumentException("coursegen.exports.threads and per-tenant must be at least 1");
        }
        if (lease == null || lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("coursegen.exports.lease must be at least 3s");
        }
    }
}
