package io.coursegen.storage;

import io.coursegen.contracts.GatewayProof;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * Signs a test's requests as a gateway does, with the secret the tests give storage-service: {@code @Import} its
 * {@link Client} to have the autowired WebTestClient sign every request.
 */
public final class AsAGateway {

    public static final String SECRET = "storage-test-internal-secret-0123456789";
    /** For {@code @SpringBootTest(properties = ...)}. */
    public static final String SECRET_PROPERTY = "coursegen.internal.secret=" + SECRET;

    private static final GatewayProof PROOFS = new GatewayProof(SECRET);

    private AsAGateway() {
    }

    /** Adds a valid proof for the request's tenant header, method and path. */
    public static ExchangeFilterFunction signing() {
        return (request, next) -> {
            String tenant = request.headers().getFirst(GatewayProof.TENANT_HEADER);
            return next.exchange(ClientRequest.from(request)
                    .header(GatewayProof.HEADER, PROOFS.sign(tenant == null ? "" : tenant, request.method().name(),
                            request.url().getRawPath(), Instant.now()))
                    .build());
        };
    }

    /** The autowired WebTestClient signs every request. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Client {

        @Bean
        WebTestClientBuilderCustomizer signingAsAGateway() {
            return builder -> builder.filter(signing());
        }
    }
}
