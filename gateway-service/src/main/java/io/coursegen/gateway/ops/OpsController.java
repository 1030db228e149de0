package io.coursegen.gateway.ops;

import java.time.Clock;
import java.time.Duration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /ops}: the page ({@code static/ops/}, with its script and style beside it); {@code GET /ops/metrics}:
 * the figures it polls, read from every service when asked.
 */
@RestController
class OpsController {

    private static final Resource PAGE = new ClassPathResource("static/ops/index.html");
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

    @GetMapping({"/ops", "/ops/"})
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).body(PAGE);
    }

    @GetMapping(value = "/ops/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<OpsView>> metrics() {
        return reading.map(view -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view));
    }
}
