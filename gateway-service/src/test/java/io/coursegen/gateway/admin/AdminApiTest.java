package io.coursegen.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseSubmission;
import io.coursegen.contracts.Topics;
import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The admin API as an operator uses it, in front of a fake storage-service that keeps tenants, key hashes and limits
 * as the real one does: what the admin sees, and what a tenant then sees with the keys the admin made.
 */
@WithEmbeddedKafka
@TestPropertySource(properties = "coursegen.gateway.admin.key=" + AdminApiTest.ADMIN_KEY)
class AdminApiTest extends GatewayTestSupport {

    static final String ADMIN_KEY = "admin-key-for-tests-0123456789abcdef";
    private static final String ADMIN_HEADER = "X-Admin-Key";
    private static final String COURSE = "{\"topic\": \"Tenant administration\", \"lessonCount\": 1}";

    @Test
    void aWrongOrMissingAdminKeyIsAnswered401AndReachesNothing() {
        int adminCallsBefore = STORAGE.receivedUnder(FakeStorage.ADMIN).size();

        JsonNode wrong = problem(client.post().uri("/admin/v1/tenants").header(ADMIN_HEADER, ADMIN_KEY + "x")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"tenantId\": \"intruder\"}").exchange()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "AdminKey"), 401);
        JsonNode missing = problem(client.get().uri("/admin/v1/tenants/acme/limits").exchange(), 401);
        // a tenant's API key is no admin key
        problem(client.get().uri("/admin/v1/tenants/acme/limits").header(ADMIN_HEADER, ACME_KEY).exchange(), 401);

        assertThat(wrong.path("detail").asString()).contains("X-Admin-Key").contains("not recognised")
                .doesNotContain(ADMIN_KEY);
        assertThat(missing.path("detail").asString()).contains("missing");
        assertThat(STORAGE.receivedUnder(FakeStorage.ADMIN)).hasSize(adminCallsBefore);
    }

    @Test
    void aNewTenantsKeyIsShownOnceAndSubmitsCoursesAsThatTenant() {
        String tenant = "initech-" + UUID.randomUUID();

        WebTestClient.ResponseSpec response = admin(client.post().uri("/admin/v1/tenants"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("tenantId", tenant)).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/admin/v1/tenants/" + tenant)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
        JsonNode created = json.readTree(response.expectBody().returnResult().getResponseBody());

        String key = created.path("apiKey").asString();
        assertThat(key).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.path("tenantId").asString()).isEqualTo(tenant);
        assertThat(created.path("keyId").asString()).isNotBlank();
        // storage-service was handed the hash only
        assertThat(STORAGE.bodies(FakeStorage.ADMIN + "/tenants")).noneMatch(body -> body.body().contains(key))
                .anyMatch(body -> body.body().contains(sha256(key)));
        client.post().uri("/api/v1/courses").header(API_KEY, key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(COURSE).exchange().expectStatus().isAccepted();
        assertThat(STORAGE.created()).anyMatch(course -> course.tenant().equals(tenant));
        // the list shows the key's id, not the key
        String keys = new String(admin(client.get().uri("/admin/v1/tenants/{id}/keys", tenant)).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(keys).contains(created.path("keyId").asString()).doesNotContain(key);
    }

    @Test
    void aTenantIdMustBeWellFormedAndNew() {
        JsonNode invalid = problem(admin(client.post().uri("/admin/v1/tenants")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenantId", "_admin")).exchange(), 400);
        problem(admin(client.post().uri("/admin/v1/tenants")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange(), 400);
        problem(admin(client.post().uri("/admin/v1/tenants")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json").exchange(), 400);
        // a tenant of COURSEGEN_API_KEYS exists already
        JsonNode configured = problem(admin(client.post().uri("/admin/v1/tenants")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenantId", "acme")).exchange(), 409);
        String tenant = "twice-" + UUID.randomUUID();
        admin(client.post().uri("/admin/v1/tenants")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenantId", tenant)).exchange().expectStatus().isCreated();
        JsonNode again = problem(admin(client.post().uri("/admin/v1/tenants")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenantId", tenant)).exchange(), 409);

        assertThat(invalid.path("detail").asString()).startsWith("tenantId:");
        assertThat(configured.path("type").asString()).isEqualTo("https://coursegen.io/problems/tenant-exists");
        assertThat(again.path("type").asString()).isEqualTo("https://coursegen.io/problems/tenant-exists");
        assertThat(again.path("instance").asString()).isEqualTo("/admin/v1/tenants");
    }

    @Test
    void aRevokedKeyFailsAtOnceWhileTheTenantsOtherKeysKeepWorking() {
        String tenant = "revoking-" + UUID.randomUUID();
        String first = createTenant(tenant).path("apiKey").asString();
        JsonNode second = json.readTree(admin(client.post().uri("/admin/v1/tenants/{id}/keys", tenant)).exchange()
                .expectStatus().isCreated().expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody().returnResult().getResponseBody());
        String secondKey = second.path("apiKey").asString();
        assertThat(secondKey).isNotEqualTo(first).matches("[A-Za-z0-9_-]{43}");
        submit(secondKey).expectStatus().isAccepted();

        admin(client.delete().uri("/admin/v1/tenants/{id}/keys/{keyId}", tenant, second.path("keyId").asString()))
                .exchange().expectStatus().isNoContent();

        // this instance forgot its cached answer: no wait at all
        problem(submit(secondKey), 401);
        submit(first).expectStatus().isAccepted();
        problem(admin(client.delete().uri("/admin/v1/tenants/{id}/keys/{keyId}", tenant, "key_unknown")).exchange(), 404);
        problem(admin(client.delete().uri("/admin/v1/tenants/{id}/keys/{keyId}", "nobody-" + UUID.randomUUID(), "key_x"))
                .exchange(), 404);
    }

    @Test
    void limitsRoundTripAndInvalidOnesAreRefusedAsStorageSaysWhy() {
        String tenant = "limited-" + UUID.randomUUID();
        problem(admin(client.get().uri("/admin/v1/tenants/{id}/limits", tenant)).exchange(), 404);
        createTenant(tenant);

        admin(client.put().uri("/admin/v1/tenants/{id}/limits", tenant)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"maxQueued\": 3, \"monthlyBudgetUsd\": 25.0}").exchange().expectStatus().isOk();
        JsonNode read = json.readTree(admin(client.get().uri("/admin/v1/tenants/{id}/limits", tenant)).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        JsonNode refused = problem(admin(client.put().uri("/admin/v1/tenants/{id}/limits", tenant))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"maxQueued\": -1}").exchange(), 422);

        assertThat(read.path("overrides").path("maxQueued").asInt()).isEqualTo(3);
        assertThat(read.path("overrides").path("monthlyBudgetUsd").asDouble()).isEqualTo(25.0);
        assertThat(refused.path("type").asString()).isEqualTo("https://coursegen.io/problems/invalid-limits");
        assertThat(refused.path("instance").asString()).isEqualTo("/admin/v1/tenants/" + tenant + "/limits");
        // a tenant of COURSEGEN_API_KEYS is seeded at storage before its first administration
        admin(client.get().uri("/admin/v1/tenants/globex/limits")).exchange().expectStatus().isOk();
    }

    @Test
    void whenStorageCannotSayWhoseAKeyIsTheAnswerIs503NotA401() {
        String unknownKey = "a-key-storage-cannot-check-" + UUID.randomUUID();
        STORAGE.dropConnection("_admin", FakeStorage.ADMIN + "/keys/" + sha256(unknownKey));

        JsonNode unavailable = problem(submit(unknownKey), 503);

        assertThat(unavailable.path("type").asString()).isEqualTo("https://coursegen.io/problems/authentication-unavailable");
        // a configured key needs no lookup
        submit(ACME_KEY).expectStatus().isAccepted();
    }

    @Test
    void aKeyMadeHereSubmitsByKafkaToo() throws Exception {
        String tenant = "by-event-" + UUID.randomUUID();
        String key = createTenant(tenant).path("apiKey").asString();
        String topic = "Submitted by event with a stored key " + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.COURSE_REQUESTS, "req-" + UUID.randomUUID(),
                    "{\"topic\": \"" + topic + "\", \"lessonCount\": 1}");
            record.headers().add(CourseSubmission.TENANT_HEADER, tenant.getBytes(StandardCharsets.UTF_8));
            record.headers().add(CourseSubmission.API_KEY_HEADER, key.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> STORAGE.created().stream()
                .anyMatch(course -> course.topic().equals(topic) && course.tenant().equals(tenant)));
    }

    /**
     * Two gateway instances on one storage: a key revoked through one fails on the other within 1 s, although the
     * other had just used (and cached) it.
     */
    @Test
    void aKeyRevokedThroughOneInstanceFailsOnAnotherWithinOneSecond() {
        String tenant = "two-instances-" + UUID.randomUUID();
        JsonNode created = createTenant(tenant);
        String key = created.path("apiKey").asString();
        try (ConfigurableApplicationContext other = anotherInstance()) {
            WebTestClient otherClient = clientOf(other);
            String lookup = FakeStorage.ADMIN + "/keys/" + sha256(key);
            int lookupsBefore = STORAGE.received(lookup).size();
            for (int i = 0; i < 5; i++) {
                submitThrough(otherClient, key).expectStatus().isAccepted();
            }
            // answers are reused: five requests in quick succession asked storage fewer than five times
            assertThat(STORAGE.received(lookup).size() - lookupsBefore).isBetween(1, 4);

            admin(client.delete().uri("/admin/v1/tenants/{id}/keys/{keyId}", tenant, created.path("keyId").asString()))
                    .exchange().expectStatus().isNoContent();
            long revokedAt = System.nanoTime();

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> submitThrough(otherClient, key).returnResult(byte[].class).getStatus().value() == 401);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(1));
            // and it stays revoked
            submitThrough(otherClient, key).expectStatus().isUnauthorized();
        }
    }

    private JsonNode createTenant(String tenant) {
        return json.readTree(admin(client.post().uri("/admin/v1/tenants")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenantId", tenant)).exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody());
    }

    private WebTestClient.ResponseSpec submit(String key) {
        return submitThrough(client, key);
    }

    private static WebTestClient.ResponseSpec submitThrough(WebTestClient through, String key) {
        return through.post().uri("/api/v1/courses").header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(COURSE).exchange();
    }

    private static <S extends WebTestClient.RequestHeadersSpec<?>> S admin(S request) {
        request.header(ADMIN_HEADER, ADMIN_KEY);
        return request;
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
