package io.coursegen.gateway.auth;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets a request to {@code /api/**} through only with a recognised {@code X-API-Key}, and records whose
 * key it was. The path is matched the way the handler mappings match it, so no spelling of an API path
 * (encoded characters, for instance) reaches a controller unauthenticated. Everything outside
 * {@code /api/**} is public on purpose (see {@link FailedAuthentications} for how many wrong keys an address may try): the actuator probes, and the event interface's documentation
 * ({@code /asyncapi.yaml}, {@code /schemas/*.schema.json}), which other teams read before they have a key.
 */
class ApiKeyAuthenticationFilter implements WebFilter, Ordered {

    static final String HEADER = "X-API-Key";

    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

    static final String TOO_MANY_FAILURES = "https://coursegen.io/problems/too-many-failed-authentications";

    private final ApiKeys apiKeys;
    private final FailedAuthentications failures;
    private final JsonMapper jsonMapper;

    ApiKeyAuthenticationFilter(ApiKeys apiKeys, FailedAuthentications failures, JsonMapper jsonMapper) {
        this.apiKeys = apiKeys;
        this.failures = failures;
        this.jsonMapper = jsonMapper;
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
        String address = clientAddress(exchange);
        OptionalLong blocked = failures.blockedFor(address);
        if (blocked.isPresent()) {
            return tooManyFailures(exchange, blocked.getAsLong());
        }
        String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (presented == null || presented.isBlank()) {
            failures.failed(address);
            return reject(exchange, "The " + HEADER + " header is missing.");
        }
        Optional<Tenant> tenant = apiKeys.tenantFor(presented.strip());
        if (tenant.isEmpty()) {
            failures.failed(address);
            return reject(exchange, "The " + HEADER + " header is not recognised.");
        }
        exchange.getAttributes().put(Tenant.ATTRIBUTE, tenant.get());
        return chain.filter(exchange);
    }

    /** Written here rather than thrown: errors from filters never reach the controller advice. */
    private Mono<Void> reject(ServerWebExchange exchange, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", "Unauthorized");
        problem.put("status", HttpStatus.UNAUTHORIZED.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey");
        return write(exchange, HttpStatus.UNAUTHORIZED, problem);
    }

    private Mono<Void> tooManyFailures(ServerWebExchange exchange, long retryAfterSeconds) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TOO_MANY_FAILURES);
        problem.put("title", "Too many failed authentications");
        problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
        problem.put("detail", "Too many requests from this address without a valid " + HEADER + "; try again in "
                + retryAfterSeconds + " s");
        problem.put("instance", exchange.getRequest().getPath().value());
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return write(exchange, HttpStatus.TOO_MANY_REQUESTS, problem);
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, Map<String, Object> problem) {
        byte[] body = jsonMapper.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
