package io.coursegen.gateway;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param apiKeys        {@code tenant=key,tenant2=key2}; a secret, so never printed
 * @param storageUrl     where storage-service serves the course read API
 * @param storageTimeout connect timeout and longest silence while reading an answer from storage-service
 * @param progress       server-sent progress streams
 * @param failedAuthenticationsPerMinute missing or unknown API keys one client address may present per minute before
 *                       it is answered 429 for a while; 0 turns the limit off
 */
@ConfigurationProperties("coursegen.gateway")
public record GatewayProperties(
        @DefaultValue("") String apiKeys,
        @DefaultValue("http://localhost:8084") URI storageUrl,
        @DefaultValue("10s") Duration storageTimeout,
        @DefaultValue Progress progress,
        @DefaultValue("20") int failedAuthenticationsPerMinute) {

    /**
     * @param heartbeat        interval of the comment line that keeps idle streams open through proxies
     * @param streamsPerTenant progress streams one tenant may hold open at once across all gateway instances (a slot
     *                         each at storage-service); beyond, 429
     * @param streamLease      how long a stream's slot outlives a gateway that stopped renewing it (crashed, cut off
     *                         from storage); renewed every third of it while the stream is open. Whole seconds
     */
    public record Progress(@DefaultValue("15s") Duration heartbeat, @DefaultValue("20") int streamsPerTenant,
                           @DefaultValue("30s") Duration streamLease) {

        /** The bounds storage-service's slot API accepts, checked at start-up instead of failing every stream. */
        public Progress {
            if (streamsPerTenant < 1 || streamsPerTenant > 100) {
                throw new IllegalArgumentException("coursegen.gateway.progress.streams-per-tenant must be 1-100");
            }
            if (streamLease == null || streamLease.compareTo(Duration.ofSeconds(3)) < 0
                    || streamLease.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("coursegen.gateway.progress.stream-lease must be 3s-10m");
            }
        }
    }

    @Override
    public String toString() {
        return "GatewayProperties[apiKeys=<hidden>, storageUrl=" + storageUrl + ", storageTimeout=" + storageTimeout
                + ", progress=" + progress + ", failedAuthenticationsPerMinute=" + failedAuthenticationsPerMinute + "]";
    }
}
