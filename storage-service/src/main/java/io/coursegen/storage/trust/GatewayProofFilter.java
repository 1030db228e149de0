package io.coursegen.storage.trust;

import io.coursegen.contracts.GatewayProof;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses, with 401, every request outside {@code /actuator} that a gateway did not sign for exactly its tenant,
 * method and path. Runs before anything else, so no controller ever sees an unproven tenant header. Admin paths
 * take only the admin pseudo-tenant's proof and nothing else takes it ({@link AdminCalls}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class GatewayProofFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(GatewayProofFilter.class);
    private static final String PROBLEM = """
            {"type":"https://coursegen.io/problems/gateway-proof","title":"Unauthorized","status":401,\
            "detail":"storage-service serves gateways only: the request carries no valid X-Coursegen-Gateway-Proof"}""";

    private final GatewayProof proofs;
    private final Clock clock;

    GatewayProofFilter(InternalProperties properties) {
        // fails the start-up with what to set when the secret is missing or short
        this.proofs = new GatewayProof(properties.secret());
        this.clock = Clock.systemUTC();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (path.equals("/actuator") || path.startsWith("/actuator/")) {
            return chain.filter(exchange);
        }
        String tenant = request.getHeaders().getFirst(GatewayProof.TENANT_HEADER);
        boolean admin = AdminCalls.TENANT.equals(tenant);
        if (admin == AdminCalls.isAdminPath(request.getPath().pathWithinApplication())
                && proofs.verify(request.getHeaders().getFirst(GatewayProof.HEADER), tenant == null ? "" : tenant,
                request.getMethod().name(), path, clock.instant())) {
            return chain.filter(exchange);
        }
        log.warn("Refused {} {} from {}: no valid gateway proof", request.getMethod(), path, request.getRemoteAddress());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = response.bufferFactory().wrap(PROBLEM.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }
}
