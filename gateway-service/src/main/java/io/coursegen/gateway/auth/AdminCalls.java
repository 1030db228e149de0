package io.coursegen.gateway.auth;

import io.coursegen.contracts.GatewayProof;
import io.coursegen.gateway.GatewayProperties;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.netty.http.client.HttpClient;

/**
 * Requests to storage-service's tenant administration ({@code /internal/admin/v1/...}), signed for the pseudo-tenant
 * {@link GatewayProof#ADMIN_TENANT}: storage takes only that proof on those paths and refuses it everywhere else.
 */
public final class AdminCalls {

    public static final String TENANT = GatewayProof.ADMIN_TENANT;
    private static final String BASE = "/internal/admin/v1";

    private final WebClient webClient;
    private final URI storageUrl;

    AdminCalls(WebClient.Builder builder, GatewayProperties properties, InternalSecret internal) {
        // fails the start-up with what to set when the secret is missing or short
        GatewayProof proofs = new GatewayProof(internal.secret());
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.storageTimeout().toMillis()))
                .responseTimeout(properties.storageTimeout());
        this.webClient = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .defaultHeader(GatewayProof.TENANT_HEADER, TENANT)
                .filter((request, next) -> next.exchange(ClientRequest.from(request)
                        .header(GatewayProof.HEADER, proofs.sign(TENANT, request.method().name(),
                                request.url().getRawPath(), Instant.now()))
                        .build()))
                .build();
        this.storageUrl = properties.storageUrl();
    }

    public WebClient client() {
        return webClient;
    }

    /** {@code path} below {@code /internal/admin/v1}, with its variables expanded and encoded. */
    public URI uri(String path, Object... variables) {
        return UriComponentsBuilder.fromUri(storageUrl).path(BASE + path).buildAndExpand(variables).encode().toUri();
    }
}
