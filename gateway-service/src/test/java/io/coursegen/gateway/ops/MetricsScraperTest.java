package io.coursegen.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * Against local HTTP servers: one serving a real exposition, one answering a web page, one that never answers,
 * and a port nobody listens on. Every service is listed; only the first is up.
 */
class MetricsScraperTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/storage/actuator/prometheus", exchange -> answer(exchange, 200,
                "text/plain;version=0.0.4", OpsFixtures.text("storage-service")));
        server.createContext("/html/actuator/prometheus", exchange -> answer(exchange, 200, "text/html",
                "<html><body>Login</body></html>"));
        server.createContext("/silent/actuator/prometheus", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 503, "text/plain", "");
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void eachServiceIsReadOrShownUnavailableWithAShortReason() throws IOException {
        OpsProperties properties = new OpsProperties(URI.create("http://127.0.0.1:" + closedPort()),
                base.resolve("/html/"), base.resolve("/silent/"), base.resolve("/storage/"),
                Duration.ofMillis(500), Duration.ofMinutes(5));
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        PrometheusMeterRegistry ownRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ownRegistry.counter("coursegen.ops.probe").increment();
        beans.addBean("registry", ownRegistry);
        MetricsScraper scraper = new MetricsScraper(properties, beans.getBeanProvider(PrometheusMeterRegistry.class),
                new MockEnvironment().withProperty("spring.application.name", "gateway-service"));

        List<Scrape> scrapes = scraper.scrapeAll().block(Duration.ofSeconds(10));

        assertThat(scrapes).extracting(Scrape::service)
                .containsExactly("gateway-service", "outline-service", "content-service", "image-service", "storage-service");
        assertThat(scrapes.get(0).samples()).contains(new Sample("coursegen_ops_probe_total", Map.of(), 1.0));
        assertThat(scrapes.get(1).problem()).isEqualTo("not reachable");
        assertThat(scrapes.get(2).problem()).startsWith("unreadable metrics");
        assertThat(scrapes.get(3).problem()).isEqualTo("no answer within 500 ms");
        assertThat(scrapes.get(4).isUp()).isTrue();
        assertThat(scrapes.get(4).samples()).contains(new Sample("coursegen_courses_completed_total", Map.of(), 2.0));
    }

    @Test
    void withoutAPrometheusRegistryTheGatewayItselfIsUnavailable() {
        OpsProperties properties = new OpsProperties(base.resolve("/storage/"), base.resolve("/storage/"),
                base.resolve("/storage/"), base.resolve("/storage/"), Duration.ofSeconds(2), Duration.ofMinutes(5));
        MetricsScraper scraper = new MetricsScraper(properties,
                new StaticListableBeanFactory().getBeanProvider(PrometheusMeterRegistry.class), new MockEnvironment());

        List<Scrape> scrapes = scraper.scrapeAll().block(Duration.ofSeconds(10));

        assertThat(scrapes.get(0).service()).isEqualTo("gateway-service");
        assertThat(scrapes.get(0).problem()).isEqualTo("no Prometheus registry");
        assertThat(scrapes.subList(1, 5)).allMatch(Scrape::isUp);
    }

    @Test
    void theMetricsAreReadBelowTheBaseUrlsOwnPath() {
        assertThat(MetricsScraper.endpoint(URI.create("http://localhost:8081")))
                .isEqualTo(URI.create("http://localhost:8081/actuator/prometheus"));
        assertThat(MetricsScraper.endpoint(URI.create("http://ops.internal/outline/")))
                .isEqualTo(URI.create("http://ops.internal/outline/actuator/prometheus"));
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A port that was free a moment ago, so a connection to it is refused. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
