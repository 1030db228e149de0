package io.coursegen.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** The shared test gateway has no COURSEGEN_ADMIN_KEY: its admin API does not exist, whatever a caller sends. */
@WithEmbeddedKafka
class AdminApiOffTest extends GatewayTestSupport {

    @Test
    void withoutAnAdminKeyConfiguredTheAdminApiAnswers404AndAsksStorageNothing() {
        int adminCallsBefore = adminCalls();

        JsonNode create = problem(client.post().uri("/admin/v1/tenants").header("X-Admin-Key", "anything-at-all-0123456789")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"tenantId\": \"initech\"}").exchange(), 404);
        problem(client.get().uri("/admin/v1/tenants/acme/limits").exchange(), 404);
        problem(client.delete().uri("/admin/v1/tenants/acme/keys/key_1").header("X-Admin-Key", "").exchange(), 404);

        assertThat(create.path("detail").asString()).isEqualTo("There is no endpoint POST /admin/v1/tenants");
        assertThat(adminCalls()).isEqualTo(adminCallsBefore);
    }

    private static int adminCalls() {
        return STORAGE.receivedUnder(FakeStorage.ADMIN).size();
    }
}
