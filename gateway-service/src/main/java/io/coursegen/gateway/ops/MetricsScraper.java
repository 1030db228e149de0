package io.coursegen.gateway.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Reads every service's {@code /actuator/prometheus} at once, each within the scrape timeout. A service that is
 * down, slow or answers something else becomes an unavailable {@link Scrape} with a short reason: the page shows
 * what it has instead of failing. A bean of {@link OpsEndpoints}.
 */
class MetricsScraper {

    static final String PATH = "/actuator/prometheus";
    /** The classic text format, which {@link PrometheusText} reads, rather than OpenMetrics. */
    private static final String TEXT_FORMAT = "text/plain;version=0.0.4;q=1,*/*;q=0.1";
    /** A service's exposition is a few hundred KB (every Kafka client metric); the codec default is 256 KB. */
    private static final int MAX_EXPOSITION_BYTES = 16 * 1024 * 1024;

    private final WebClient webClient;
    private final OpsProperties properties;
    private final ObjectProvider<PrometheusMeterRegistry> ownRegistry;
    private final String ownName;

    MetricsScraper(OpsProperties properties, ObjectProvider<PrometheusMeterRegistry> ownRegistry, Environment environment) {
        this.properties = properties;
        this.ownRegistry = ownRegistry;
        this.ownName = environment.getProperty("spring.application.name", "gateway-service");
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.scrapeTimeout().toMillis()))
                .responseTimeout(properties.scrapeTimeout());
        // not Boot's observed builder: a scrape every few seconds per open page is no request anyone needs timed or
        // traced, and would add client metrics and a trace per poll to what is being watched
        this.webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_EXPOSITION_BYTES))
                .build();
    }

    /** The gateway first, then the other services in pipeline order. */
    Mono<List<Scrape>> scrapeAll() {
        Map<String, URI> services = properties.services();
        return Flux.concat(Mono.fromCallable(this::own),
                        Flux.fromIterable(services.entrySet()).flatMapSequential(entry -> scrape(entry.getKey(), entry.getValue())))
                .collectList();
    }

    private Scrape own() {
        PrometheusMeterRegistry registry = ownRegistry.getIfAvailable();
        if (registry == null) {
            return Scrape.unavailable(ownName, "no Prometheus registry");
        }
        return parsed(ownName, registry.scrape());
    }

    private Mono<Scrape> scrape(String service, URI baseUrl) {
        return webClient.get().uri(endpoint(baseUrl)).header("Accept", TEXT_FORMAT)
                .retrieve().bodyToMono(String.class)
                .timeout(properties.scrapeTimeout())
                .map(text -> parsed(service, text))
                .defaultIfEmpty(Scrape.unavailable(service, "empty answer"))
                .onErrorResume(failure -> Mono.just(Scrape.unavailable(service, reason(failure))));
    }

    /** Below the base URL's own path, so a service behind a path prefix ({@code http://host/outline}) is found too. */
    static URI endpoint(URI baseUrl) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH);
    }

    private static Scrape parsed(String service, String exposition) {
        try {
            return Scrape.up(service, PrometheusText.parse(exposition));
        } catch (IllegalArgumentException e) {
            return Scrape.unavailable(service, "unreadable metrics (" + e.getMessage() + ")");
        }
    }

    /** Short and free of internals: the page is public. */
    private String reason(Throwable failure) {
        if (failure instanceof WebClientResponseException answer) {
            return "HTTP " + answer.getStatusCode().value();
        }
        if (failure instanceof TimeoutException || hasCause(failure, ReadTimeoutException.class)) {
            return "no answer within " + properties.scrapeTimeout().toMillis() + " ms";
        }
        if (hasCause(failure, ConnectException.class)) {
            return "not reachable";
        }
        return "not reachable (" + failure.getClass().getSimpleName() + ")";
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
