package io.coursegen.storage.export;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param threads   exports written at once on this instance, on threads of their own: a client reading slowly
 *                  holds one of these, never a thread course reads need
 * @param perTenant exports one tenant may stream at once on this instance
 */
@ConfigurationProperties("coursegen.exports")
record ExportProperties(@DefaultValue("8") int threads, @DefaultValue("2") int perTenant) {

    ExportProperties {
        if (threads < 1 || perTenant < 1) {
            throw new IllegalArgumentException("coursegen.exports.threads and per-tenant must be at least 1");
        }
    }
}
