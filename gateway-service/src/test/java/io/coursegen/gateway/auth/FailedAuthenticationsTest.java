package io.coursegen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Guessing keys from one address is slowed to a few tries a minute; other addresses and known keys are not. */
class FailedAuthenticationsTest {

    private static final String GOOD_KEY = "acme-key-0123456789abcdefghij";
    private static final WebFilterChain CHAIN = exchange -> Mono.empty();

    private final FailedAuthentications failures = new FailedAuthentications(3);
    private final ApiKeyAuthenticationFilter filter = new ApiKeyAuthenticationFilter(
            KeyFixtures.configuredOnly(ApiKeys.parse("acme=" + GOOD_KEY)), failures,
            new AuthenticationAnswers(JsonMapper.builder().build()));
    private final AdminKeyFilter adminFilter = new AdminKeyFilter(new AdminProperties(KeyFixtures.ADMIN_KEY), failures,
            new AuthenticationAnswers(JsonMapper.builder().build()));

    @Test
    void anAddressThatUsedUpItsFailedAttemptsIsAnswered429EvenWithTheRightKeyWhileOthersAreNot() {
        for (int i = 0; i < 3; i++) {
            assertThat(statusOf("198.51.100.7", "guess-" + i)).isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        MockServerWebExchange blocked = exchange("198.51.100.7", GOOD_KEY);
        filter.filter(blocked, CHAIN).block();

        assertThat(blocked.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(blocked.getResponse().getHeaders().getFirst("Retry-After")).matches("[1-9][0-9]*");
        assertThat(blocked.getResponse().getBodyAsString().block())
                .contains(ApiKeyAuthenticationFilter.TOO_MANY_FAILURES).doesNotContain(GOOD_KEY);
        assertThat(statusOf("198.51.100.8", "a-wrong-guess")).as("another address").isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(statusOf("198.51.100.9", GOOD_KEY)).as("a known key from elsewhere").isNull();
    }

    @Test
    void requestsWithAKnownKeyUseNoneOfTheAddressesAttempts() {
        for (int i = 0; i < 10; i++) {
            assertThat(statusOf("203.0.113.4", GOOD_KEY)).isNull();
        }
        assertThat(statusOf("203.0.113.4", "one-wrong-guess")).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void wrongAdminKeysUseUpTheSameAllowanceAsWrongApiKeys() {
        assertThat(statusOf("192.0.2.10", "one-wrong-api-key")).isEqualTo(HttpStatus.UNAUTHORIZED);
        for (int i = 0; i < 2; i++) {
            assertThat(adminStatusOf("192.0.2.10", "admin-guess-" + i)).isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        assertThat(adminStatusOf("192.0.2.10", KeyFixtures.ADMIN_KEY)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(statusOf("192.0.2.10", GOOD_KEY)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(adminStatusOf("192.0.2.11", KeyFixtures.ADMIN_KEY)).as("the admin from elsewhere").isNull();
    }

    private HttpStatus adminStatusOf(String address, String adminKey) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/admin/v1/tenants/acme/limits")
                .remoteAddress(new InetSocketAddress(address, 40000))
                .header(AdminKeyFilter.HEADER, adminKey));
        adminFilter.filter(exchange, CHAIN).block();
        return exchange.getResponse().getStatusCode() == null ? null
                : HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }

    /** The status the filter set, or null when it let the request through. */
    private HttpStatus statusOf(String address, String key) {
        MockServerWebExchange exchange = exchange(address, key);
        filter.filter(exchange, CHAIN).block();
        return exchange.getResponse().getStatusCode() == null ? null
                : HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }

    private static MockServerWebExchange exchange(String address, String key) {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/courses")
                .remoteAddress(new InetSocketAddress(address, 40000))
                .header(ApiKeyAuthenticationFilter.HEADER, key));
    }
}
