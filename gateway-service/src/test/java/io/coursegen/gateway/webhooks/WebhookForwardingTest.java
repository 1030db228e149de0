package io.coursegen.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The gateway authenticates webhook calls and forwards them, with the tenant, to storage-service (a stand-in). */
@WithEmbeddedKafka
class WebhookForwardingTest extends GatewayTestSupport {

    private static final String WEBHOOKS = "/api/v1/webhooks";

    @Test
    void registeringForwardsTheBodyWithTheTenantAndAnswersStorages201WithTheSecret() {
        String created = "{\"id\":\"wh_1\",\"url\":\"https://hooks.example.com/x\",\"secret\":\"whsec_abc\"}";
        STORAGE.answer("POST", "acme", WEBHOOKS, 201, "application/json", created);
        String registration = "{\"url\":\"https://hooks.example.com/x\",\"eventTypes\":[\"course.completed\"]}";

        client.post().uri(WEBHOOKS).header(API_KEY, ACME_KEY).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(registration)
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().json(created);

        FakeStorage.ReceivedBody sent = STORAGE.bodies(WEBHOOKS).get(STORAGE.bodies(WEBHOOKS).size() - 1);
        assertThat(sent.body()).isEqualTo(registration);
        assertThat(sent.contentType()).startsWith("application/json");
        assertThat(STORAGE.received(WEBHOOKS)).contains(new FakeStorage.Received("POST", WEBHOOKS, "acme"));
    }

    @Test
    void listingAndDeletingAreForwardedForTheCallersTenantOnly() {
        String list = "{\"items\":[{\"id\":\"wh_2\",\"lastDelivery\":{\"status\":\"DELIVERED\",\"attempts\":2}}]}";
        STORAGE.answer("GET", "globex", WEBHOOKS, 200, "application/json", list);
        STORAGE.answer("DELETE", "globex", WEBHOOKS + "/wh_2", 204, "application/json", "");

        client.get().uri(WEBHOOKS).header(API_KEY, GLOBEX_KEY).exchange()
                .expectStatus().isOk().expectBody().json(list);
        client.delete().uri(WEBHOOKS + "/wh_2").header(API_KEY, GLOBEX_KEY).exchange()
                .expectStatus().isNoContent();
        problem(client.delete().uri(WEBHOOKS + "/wh_2").header(API_KEY, ACME_KEY).exchange(), 404);

        assertThat(STORAGE.received(WEBHOOKS + "/wh_2")).extracting(FakeStorage.Received::tenant)
                .containsExactly("globex", "acme");
    }

    @Test
    void withoutAnApiKeyNothingIsForwarded() {
        int before = STORAGE.received(WEBHOOKS).size();

        problem(client.get().uri(WEBHOOKS).exchange(), 401);

        assertThat(STORAGE.received(WEBHOOKS)).hasSize(before);
    }
}
