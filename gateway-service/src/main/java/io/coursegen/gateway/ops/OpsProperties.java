package io.coursegen.gateway.ops;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the ops view reads the other services' metrics; the gateway's own come from its registry.
 *
 * @param outlineUrl    base URL of outline-service's actuator ({@code /actuator/prometheus} is appended): its
 *                      management port where it has one ({@code MANAGEMENT_SERVER_PORT}), else its API port
 * @param contentUrl    the same for content-service
 * @param imageUrl      the same for image-service
 * @param storageUrl    the same for storage-service, by default the one the gateway forwards reads to (right only
 *                      without a management port; {@code COURSEGEN_OPS_STORAGE_URL} sets it)
 * @param scrapeTimeout a service that has not answered by then is shown as unavailable
 * @param rateWindow    the longest span the per-minute rates are measured over (the dashboards use 5 minutes)
 */
@ConfigurationProperties("coursegen.ops")
record OpsProperties(
        @DefaultValue("http://localhost:8081") URI outlineUrl,
        @DefaultValue("http://localhost:8082") URI contentUrl,
        @DefaultValue("http://localhost:8083") URI imageUrl,
        @DefaultValue("http://localhost:8084") URI storageUrl,
        @DefaultValue("2s") Duration scrapeTimeout,
        @DefaultValue("5m") Duration rateWindow) {

    /** The services scraped over HTTP, in pipeline order. */
    Map<String, URI> services() {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("outline-service", outlineUrl);
        services.put("content-service", contentUrl);
        services.put("image-service", imageUrl);
        services.put("storage-service", storageUrl);
        return services;
    }
}
