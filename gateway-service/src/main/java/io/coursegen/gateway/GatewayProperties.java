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
 * @param queueAtStorage store each accepted course at storage-service as QUEUED before publishing it, so a read
 *                       through any gateway instance finds it at once. Off by default: one instance remembers what
 *                       it accepted, and the call costs intake throughput (measured: 0.42 -> 0.08 of a bare
 *                       endpoint on the embedded platform); switch it on behind several instances without sticky
 *                       routing. Submissions with an Idempotency-Key are always stored first.
 */
@ConfigurationProperties("coursegen.gateway")
public record GatewayProperties(
        @DefaultValue("") String apiKeys,
        @DefaultValue("http://localhost:8084") URI storageUrl,
        @DefaultValue("10s") Duration storageTimeout,
        @DefaultValue Progress progress,
        @DefaultValue("false") boolean queueAtStorage) {

    /** @param heartbeat interval of the comment line that keeps idle streams open through proxies */
    public record Progress(@DefaultValue("15s") Duration heartbeat) {
    }

    @Override
    public String toString() {
        return "GatewayProperties[apiKeys=<hidden>, storageUrl=" + storageUrl + ", storageTimeout=" + storageTimeout
                + ", progress=" + progress + ", queueAtStorage=" + queueAtStorage + "]";
    }
}
