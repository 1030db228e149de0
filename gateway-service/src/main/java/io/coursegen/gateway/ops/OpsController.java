package io.coursegen.gateway.ops;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.time.Clock;
import java.time.Duration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /ops}: the page (in {@code ops-page/}, with its script and style, served from here rather than as
 * static resources, which only the main port serves); {@code GET /ops/metrics}: the figures it polls, read from
 * every service when asked. Routed by {@link OpsEndpoints}, on the management port when one is set.
 */
class OpsController {

    private static final Resource PAGE = new ClassPathResource("ops-page/index.html");
    private static final Resource SCRIPT = new ClassPathResource("ops-page/ops.js");
    private static final Resource STYLE = new ClassPathResource("ops-page/ops.css");
    /**
     * Requests within this long of a reading share it, in flight or done: the endpoint needs no key, so however
     * often it is called, the services are scraped at most about once a second.
     */
    private static final Duration SHARED_READING = Duration.ofSeconds(1);

    private final Mono<OpsView> reading;

    OpsController(MetricsScraper scraper, OpsProperties properties) {
        Clock clock = Clock.systemUTC();
        ThroughputWindow throughput = new ThroughputWindow(properties.rateWindow(), clock);
        this.reading = Mono.defer(() -> scraper.scrapeAll()
                        .map(scrapes -> OpsFigures.compute(scrapes, throughput, clock.instant())))
                .cache(view -> SHARED_READING, failure -> Duration.ZERO, () -> Duration.ZERO);
    }

    RouterFunction<ServerResponse> routes() {
        return route(GET("/ops").or(GET("/ops/")), request -> file(PAGE, MediaType.TEXT_HTML))
                .andRoute(GET("/ops/ops.js"), request -> file(SCRIPT, MediaType.valueOf("text/javascript")))
                .andRoute(GET("/ops/ops.css"), request -> file(STYLE, MediaType.valueOf("text/css")))
                .andRoute(GET("/ops/metrics"), request -> metrics());
    }

    private Mono<ServerResponse> metrics() {
        return reading.flatMap(view -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore()).bodyValue(view));
    }

    private static Mono<ServerResponse> file(Resource resource, MediaType type) {
        return ServerResponse.ok().contentType(type).cacheControl(CacheControl.noCache()).bodyValue(resource);
    }
}
