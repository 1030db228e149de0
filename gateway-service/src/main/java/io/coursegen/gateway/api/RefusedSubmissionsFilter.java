package io.coursegen.gateway.api;

import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.storage.Acceptance.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a new course from a tenant storage-service refused a moment ago ({@link RecentRefusals}) with the same 429,
 * right after authentication and before its body is read: a client hammering past its limits then costs little
 * more than its own connection. A submission under an {@code Idempotency-Key} may repeat one already taken, which is
 * answered whatever the limits say, so it always goes on to storage.
 */
@Component
class RefusedSubmissionsFilter implements WebFilter, Ordered {

    private static final String COURSES = "/api/v1/courses";

    private final RecentRefusals recentRefusals;
    private final JsonMapper json;

    RefusedSubmissionsFilter(RecentRefusals recentRefusals, JsonMapper json) {
        this.recentRefusals = recentRefusals;
        this.json = json;
    }

    @Override
    public int getOrder() {
        // after authentication (HIGHEST_PRECEDENCE + 10), which names the tenant
        return Ordered.HIGHEST_PRECEDENCE + 12;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Tenant tenant = exchange.getAttribute(Tenant.ATTRIBUTE);
        boolean newCourse = tenant != null && HttpMethod.POST.equals(exchange.getRequest().getMethod())
                && COURSES.equals(exchange.getRequest().getPath().pathWithinApplication().value())
                && !exchange.getRequest().getHeaders().containsHeader(IdempotencyKey.HEADER);
        Optional<Refusal> refused = newCourse ? recentRefusals.of(tenant.id()) : Optional.empty();
        return refused.isPresent() ? refuse(exchange, refused.get()) : chain.filter(exchange);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Refusal refusal) {
        QuotaExceededException problem = new QuotaExceededException(refusal);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getBody().getType().toString());
        body.put("title", problem.getBody().getTitle());
        body.put("status", problem.getBody().getStatus());
        body.put("detail", problem.getBody().getDetail());
        body.put("instance", COURSES);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(problem.getStatusCode());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
