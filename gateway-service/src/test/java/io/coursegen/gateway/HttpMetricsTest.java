package io.coursegen.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the dashboards' HTTP panels read. */
@WithEmbeddedKafka
class HttpMetricsTest extends GatewayTestSupport {

    @Test
    void httpServerRequestsAreExportedWithHistogramBucketsSoP95CanBeComputed() {
        client.get().uri("/api/v1/courses").header(API_KEY, ACME_KEY).exchange();

        // every Kafka client metric and the histograms: more than the codec's default 256 KB
        String scraped = client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(scraped).contains("http_server_requests_seconds_bucket{")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"\\+Inf\"");
    }
}
