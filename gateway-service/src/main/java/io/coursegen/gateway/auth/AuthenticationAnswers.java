package io.coursegen.gateway.auth;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problems the authentication filters answer with, written by the filters themselves: errors from filters never
 * reach the controller advice.
 */
final class AuthenticationAnswers {

    static final String TOO_MANY_FAILURES = "https://coursegen.io/problems/too-many-failed-authentications";
    static final String AUTHENTICATION_UNAVAILABLE = "https://coursegen.io/problems/authentication-unavailable";

    private final JsonMapper jsonMapper;

    AuthenticationAnswers(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** 401 with a challenge for the scheme ({@code ApiKey}, {@code AdminKey}). */
    Mono<Void> unauthorized(ServerWebExchange exchange, String scheme, String detail) {
        Map<String, Object> problem = problem(exchange, "Unauthorized", HttpStatus.UNAUTHORIZED, detail);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, scheme);
        return write(exchange, HttpStatus.UNAUTHORIZED, problem);
    }

    Mono<Void> tooManyFailures(ServerWebExchange exchange, String header, long retryAfterSeconds) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TOO_MANY_FAILURES);
        problem.putAll(problem(exchange, "Too many failed authentications", HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests from this address without a valid " + header + "; try again in "
                        + retryAfterSeconds + " s"));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return write(exchange, HttpStatus.TOO_MANY_REQUESTS, problem);
    }

    /** The key could not be checked: the caller may well be a tenant, so a 503 to retry, not a 401. */
    Mono<Void> unavailable(ServerWebExchange exchange) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", AUTHENTICATION_UNAVAILABLE);
        problem.putAll(problem(exchange, "Service Unavailable", HttpStatus.SERVICE_UNAVAILABLE,
                "API keys cannot be checked right now; try again shortly"));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, problem);
    }

    /** As the API answers a path it does not serve. */
    Mono<Void> notFound(ServerWebExchange exchange) {
        return write(exchange, HttpStatus.NOT_FOUND, problem(exchange, "Not Found", HttpStatus.NOT_FOUND,
                "There is no endpoint " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value()));
    }

    static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static Map<String, Object> problem(ServerWebExchange exchange, String title, HttpStatus status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        return problem;
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, Map<String, Object> problem) {
        byte[] body = jsonMapper.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
