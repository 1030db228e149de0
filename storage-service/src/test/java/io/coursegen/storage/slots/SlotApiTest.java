package io.coursegen.storage.slots;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.storage.AsAGateway;
import io.coursegen.testkit.MovableClock;
import io.coursegen.storage.EmbeddedStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The slot API as a gateway uses it for progress streams, signed as a gateway signs: a tenant's slots, taken up to the
 * limit, renewed and given back only by their holder and only for their tenant, and free again once a lease ends
 * unrenewed. Leases are judged by a clock the tests move instead of waiting.
 */
@Import({AsAGateway.Client.class, SlotApiTest.MovableTime.class})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AsAGateway.SECRET_PROPERTY,
        "spring.config.name=storage-service",
        "coursegen.kafka.partitions=2",
        "coursegen.admission.max-in-flight=0"})
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SlotApiTest {

    private static final String TENANT_HEADER = "X-Coursegen-Tenant";
    private static final String KIND = "progress-streams";
    private static final Instant START = Instant.parse("2026-12-03T12:00:00Z");

    @Autowired
    WebTestClient web;
    @Autowired
    JsonMapper json;
    @Autowired
    MovableClock clock;
    @LocalServerPort
    int port;

    private final String tenant = "slots-" + UUID.randomUUID();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedStores.register(registry, "slots-test", "slots-test-secret");
    }

    /** Patient on a busy machine: the default 5 s is for a client waiting on one in-memory database call. */
    private WebTestClient patient;

    @BeforeEach
    void startTheClock() {
        clock.set(START);
        patient = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void aTenantsSecondTakeAtALimitOfOneIsRefusedWhileAnotherTenantTakesItsOwn() {
        var first = take(tenant, 1, 30).expectStatus().isCreated()
                .expectHeader().valueEquals("Location", "/internal/v1/slots/" + KIND + ":" + tenant + ":0")
                .expectBody().returnResult();
        JsonNode slot = json.readTree(first.getResponseBody());

        JsonNode refused = problem(take(tenant, 1, 30), 429);
        JsonNode other = taken(take("other-" + UUID.randomUUID(), 1, 30));

        assertThat(slot.path("id").asString()).isEqualTo(KIND + ":" + tenant + ":0");
        assertThat(slot.path("holder").asString()).isNotBlank();
        assertThat(slot.path("leaseSeconds").asLong()).isEqualTo(30);
        assertThat(refused.path("type").asString()).isEqualTo("https://coursegen.io/problems/slots-taken");
        assertThat(other.path("holder").asString()).isNotEqualTo(slot.path("holder").asString());
    }

    @Test
    void aSlotGivenBackCanBeTakenAgainAndGivingItBackTwiceIsHarmless() {
        JsonNode slot = taken(take(tenant, 1, 30));

        release(tenant, slot).expectStatus().isNoContent();
        release(tenant, slot).expectStatus().isNoContent();

        JsonNode again = taken(take(tenant, 1, 30));
        assertThat(again.path("id").asString()).isEqualTo(slot.path("id").asString());
        problem(renew(tenant, slot.path("id").asString(), slot.path("holder").asString()), 410);
    }

    @Test
    void onlyItsHolderRenewsASlotAndNoOtherTenantReachesIt() {
        JsonNode slot = taken(take(tenant, 1, 30));
        String id = slot.path("id").asString();
        String holder = slot.path("holder").asString();
        String intruder = "intruder-" + UUID.randomUUID();

        JsonNode wrongHolder = problem(renew(tenant, id, UUID.randomUUID().toString()), 410);
        problem(renew(intruder, id, holder), 404);
        problem(release(intruder, slot), 404);
        problem(renew(tenant, "exports:" + tenant + ":0", holder), 404);
        problem(renew(tenant, KIND + ":" + tenant + ":0:0", holder), 404);

        assertThat(wrongHolder.path("type").asString()).isEqualTo("https://coursegen.io/problems/slot-gone");
        problem(take(tenant, 1, 30), 429);
        renew(tenant, id, holder).expectStatus().isNoContent();
    }

    @Test
    void aSlotNotRenewedIsFreeOnceItsLeaseEndsAndItsHolderCannotRenewItThen() {
        JsonNode slot = taken(take(tenant, 1, 30));

        clock.set(START.plusSeconds(29));
        problem(take(tenant, 1, 30), 429);
        clock.set(START.plusSeconds(30));
        JsonNode next = taken(take(tenant, 1, 30));

        assertThat(next.path("id").asString()).isEqualTo(slot.path("id").asString());
        problem(renew(tenant, slot.path("id").asString(), slot.path("holder").asString()), 410);
        renew(tenant, next.path("id").asString(), next.path("holder").asString()).expectStatus().isNoContent();
    }

    @Test
    void aRenewedSlotIsHeldForALeaseFromItsRenewal() {
        JsonNode slot = taken(take(tenant, 1, 30));

        clock.set(START.plusSeconds(10));
        renew(tenant, slot.path("id").asString(), slot.path("holder").asString()).expectStatus().isNoContent();

        clock.set(START.plusSeconds(39));
        problem(take(tenant, 1, 30), 429);
        clock.set(START.plusSeconds(40));
        taken(take(tenant, 1, 30));
    }

    @Test
    void kindsLimitsAndLeasesOutsideTheirBoundsAreBadRequests() {
        problem(take(tenant, "exports", "limit=1&leaseSeconds=30"), 400);
        problem(take(tenant, KIND, "limit=0&leaseSeconds=30"), 400);
        problem(take(tenant, KIND, "limit=101&leaseSeconds=30"), 400);
        problem(take(tenant, KIND, "limit=1&leaseSeconds=2"), 400);
        problem(take(tenant, KIND, "limit=1&leaseSeconds=601"), 400);
        problem(take(tenant, KIND, "leaseSeconds=30"), 400);
        problem(take(tenant, KIND, "limit=many&leaseSeconds=30"), 400);

        taken(take(tenant, 100, 600));
    }

    @Test
    void onlyAGatewaysSignedRequestsReachTheSlots() {
        WebTestClient anyone = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

        anyone.post().uri("/internal/v1/slots/{kind}?limit=1&leaseSeconds=30", KIND).header(TENANT_HEADER, tenant)
                .exchange().expectStatus().isUnauthorized();

        taken(take(tenant, 1, 30));
    }

    private WebTestClient.ResponseSpec take(String tenantId, int limit, long leaseSeconds) {
        return take(tenantId, KIND, "limit=" + limit + "&leaseSeconds=" + leaseSeconds);
    }

    private WebTestClient.ResponseSpec take(String tenantId, String kind, String query) {
        return patient.post().uri("/internal/v1/slots/" + kind + "?" + query).header(TENANT_HEADER, tenantId).exchange();
    }

    private WebTestClient.ResponseSpec renew(String tenantId, String id, String holder) {
        return patient.put().uri("/internal/v1/slots/{id}?holder={holder}&leaseSeconds=30", id, holder)
                .header(TENANT_HEADER, tenantId).exchange();
    }

    private WebTestClient.ResponseSpec release(String tenantId, JsonNode slot) {
        return patient.delete().uri("/internal/v1/slots/{id}?holder={holder}", slot.path("id").asString(),
                slot.path("holder").asString()).header(TENANT_HEADER, tenantId).exchange();
    }

    private JsonNode taken(WebTestClient.ResponseSpec response) {
        return json.readTree(response.expectStatus().isCreated().expectBody().returnResult().getResponseBody());
    }

    private JsonNode problem(WebTestClient.ResponseSpec response, int status) {
        var result = response.expectBody().returnResult();
        assertThat(result.getStatus().value()).isEqualTo(status);
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return json.readTree(new String(result.getResponseBody(), StandardCharsets.UTF_8));
    }

    /** The service's slots, judged by a clock the tests move. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MovableTime {

        @Bean
        MovableClock movableClock() {
            return new MovableClock(START);
        }

        @Bean
        @Primary
        TenantSlots slotsOnMovableTime(ReactiveMongoTemplate mongo, MovableClock clock) {
            return new TenantSlots(mongo, clock, Schedulers.parallel());
        }
    }
}
