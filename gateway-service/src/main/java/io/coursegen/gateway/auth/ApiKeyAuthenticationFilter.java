package io.coursegen.gateway.auth;

import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Lets a request to {@code /api/**} through only with a recognised {@code X-API-Key}, and records whose
 * key it was. The path is matched the way the handler mappings match it, so no spelling of an API path
 * (encoded characters, for instance) reaches a controller unauthenticated. Everything outside
 * {@code /api/**} is public on purpose (see {@link FailedAuthentications} for how many wrong keys an address may try),
 * except {@code /admin/**} ({@link AdminKeyFilter}): the actuator probes, and the event interface's documentation
 * ({@code /asyncapi.yaml}, {@code /schemas/*.schema.json}), which other teams read before they have a key. A key the
 * admin API made is looked up at storage-service without blocking the event loop; when storage cannot say, 503.
 */
class ApiKeyAuthenticationFilter implements WebFilter, Ordered {

    static final String HEADER = "X-API-Key";
    static final String TOO_MANY_FAILURES = AuthenticationAnswers.TOO_MANY_FAILURES;

    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

    /** What the key lookup said: a tenant, nobody, or that it could not say. */
    private record Verdict(Optional<Tenant> tenant, boolean unavailable) {
    }

    private final TenantKeys keys;
    private final FailedAuthentications failures;
    private final AuthenticationAnswers answers;

    ApiKeyAuthenticationFilter(TenantKeys keys, FailedAuthentications failures, AuthenticationAnswers answers) {
        this.keys = keys;
        this.failures = failures;
        this.answers = answers;
    }

    /** After the observation filter, so rejected requests still show up in the HTTP metrics. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!API.matches(exchange.getRequest().getPath().pathWithinApplication())) {
            return chain.filter(exchange);
        }
        String address = AuthenticationAnswers.clientAddress(exchange);
        OptionalLong blocked = failures.blockedFor(address);
        if (blocked.isPresent()) {
            return answers.tooManyFailures(exchange, HEADER, blocked.getAsLong());
        }
        String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (presented == null || presented.isBlank()) {
            failures.failed(address);
            return answers.unauthorized(exchange, "ApiKey", "The " + HEADER + " header is missing.");
        }
        return keys.tenantFor(presented.strip())
                .map(tenant -> new Verdict(tenant, false))
                .onErrorResume(KeysUnavailableException.class, e -> Mono.just(new Verdict(Optional.empty(), true)))
                .flatMap(verdict -> {
                    if (verdict.unavailable()) {
                        return answers.unavailable(exchange);
                    }
                    if (verdict.tenant().isEmpty()) {
                        failures.failed(address);
                        return answers.unauthorized(exchange, "ApiKey", "The " + HEADER + " header is not recognised.");
                    }
                    exchange.getAttributes().put(Tenant.ATTRIBUTE, verdict.tenant().get());
                    return chain.filter(exchange);
                });
    }
}
