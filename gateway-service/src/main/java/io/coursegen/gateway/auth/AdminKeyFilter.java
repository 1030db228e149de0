package io.coursegen.gateway.auth;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Lets a request to {@code /admin/**} through only with {@code X-Admin-Key} equal to {@code COURSEGEN_ADMIN_KEY};
 * without that setting the admin API does not exist (404, whatever the request carries). Wrong keys count against
 * the same per-address allowance as wrong API keys ({@link FailedAuthentications}). Paths are matched as the handler
 * mappings match them, as for {@code /api/**}.
 */
class AdminKeyFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Admin-Key";

    private static final PathPattern ADMIN = PathPatternParser.defaultInstance.parse("/admin/**");

    /** Hash of the admin key, null when the admin API is off; compared hash to hash, so in constant time. */
    private final byte[] adminKeyHash;
    private final FailedAuthentications failures;
    private final AuthenticationAnswers answers;

    AdminKeyFilter(AdminProperties properties, FailedAuthentications failures, AuthenticationAnswers answers) {
        this.adminKeyHash = properties.enabled() ? hash(properties.key().strip()) : null;
        this.failures = failures;
        this.answers = answers;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ADMIN.matches(exchange.getRequest().getPath().pathWithinApplication())) {
            return chain.filter(exchange);
        }
        if (adminKeyHash == null) {
            return answers.notFound(exchange);
        }
        String address = AuthenticationAnswers.clientAddress(exchange);
        OptionalLong blocked = failures.blockedFor(address);
        if (blocked.isPresent()) {
            return answers.tooManyFailures(exchange, HEADER, blocked.getAsLong());
        }
        String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (presented == null || presented.isBlank()) {
            failures.failed(address);
            return answers.unauthorized(exchange, "AdminKey", "The " + HEADER + " header is missing.");
        }
        if (!MessageDigest.isEqual(adminKeyHash, hash(presented.strip()))) {
            failures.failed(address);
            return answers.unauthorized(exchange, "AdminKey", "The " + HEADER + " header is not recognised.");
        }
        return chain.filter(exchange);
    }

    private static byte[] hash(String key) {
        return HexFormat.of().parseHex(ApiKeys.sha256Hex(key));
    }
}
