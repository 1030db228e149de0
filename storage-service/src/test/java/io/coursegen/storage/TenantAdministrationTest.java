package io.coursegen.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.storage.quota.Limits;
import io.coursegen.storage.quota.TenantLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenant administration as a gateway's admin API uses it: tenants, their keys (by hash only) and limits, reached only
 * with the admin pseudo-tenant's proof, which reaches nothing else.
 */
@Import(AsAGateway.Client.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AsAGateway.SECRET_PROPERTY,
        "spring.config.name=storage-service",
        "coursegen.kafka.partitions=2",
        "coursegen.admission.max-in-flight=0",
        "coursegen.quotas.max-queued=7"})
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class TenantAdministrationTest {

    private static final String TENANT_HEADER = "X-Coursegen-Tenant";
    private static final String ADMIN = "_admin";

    @Autowired
    WebTestClient web;
    @Autowired
    JsonMapper json;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    TenantLimits tenantLimits;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedStores.register(registry, "tenants-test", "tenants-test-secret");
    }

    @Test
    void aNewTenantGetsItsFirstKeyWhichIsFoundByItsHashAndOnlyTheHashIsStored() {
        String tenant = "acme-" + UUID.randomUUID();
        String key = "a-key-only-the-gateway-ever-sees-" + UUID.randomUUID();

        JsonNode created = json.readTree(admin().post().uri("/internal/admin/v1/tenants")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("tenantId", tenant, "keyHash", sha256(key)))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());

        assertThat(created.path("tenantId").asString()).isEqualTo(tenant);
        String keyId = created.path("keyId").asString();
        assertThat(keyId).startsWith("key_");
        assertThat(created.has("keyHash")).isFalse();
        JsonNode owner = lookup(sha256(key), 200);
        assertThat(owner.path("tenantId").asString()).isEqualTo(tenant);
        assertThat(owner.path("keyId").asString()).isEqualTo(keyId);
        Document stored = mongo.findById(sha256(key), Document.class, "api_keys").block();
        assertThat(stored).isNotNull();
        assertThat(stored.toJson()).doesNotContain(key);
        assertThat(mongo.findById(tenant, Document.class, TenantLimits.TENANTS).block()).containsKey("createdAt");
    }

    @Test
    void aTenantIsCreatedOnceAndATenantIdMustBeWellFormed() {
        String tenant = "once-" + UUID.randomUUID();
        createTenant(tenant, "first-" + UUID.randomUUID());

        JsonNode conflict = problem(admin().post().uri("/internal/admin/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenantId", tenant, "keyHash", sha256("second-" + UUID.randomUUID()))).exchange(), 409);
        assertThat(conflict.path("type").asString()).isEqualTo("https://coursegen.io/problems/tenant-exists");

        for (String invalid : new String[] {"_admin", "", "has space", "x".repeat(65)}) {
            problem(admin().post().uri("/internal/admin/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("tenantId", invalid, "keyHash", sha256(UUID.randomUUID().toString()))).exchange(), 400);
        }
        problem(admin().post().uri("/internal/admin/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenantId", "plain-key-" + UUID.randomUUID(), "keyHash", "not-a-hash")).exchange(), 400);
    }

    @Test
    void anAddedKeyWorksUntilRevokedAndRevokingAgainChangesNothing() {
        String tenant = "keys-" + UUID.randomUUID();
        String firstKey = "first-" + UUID.randomUUID();
        String firstKeyId = createTenant(tenant, firstKey);
        String secondKey = "second-" + UUID.randomUUID();
        JsonNode added = json.readTree(admin().post().uri("/internal/admin/v1/tenants/{id}/keys", tenant)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("keyHash", sha256(secondKey)))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        String secondKeyId = added.path("keyId").asString();
        assertThat(lookup(sha256(secondKey), 200).path("tenantId").asString()).isEqualTo(tenant);

        JsonNode revoked = json.readTree(admin().delete().uri("/internal/admin/v1/tenants/{id}/keys/{keyId}", tenant, secondKeyId)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());

        assertThat(revoked.path("revokedAt").isString()).isTrue();
        assertThat(revoked.path("keyHash").asString()).isEqualTo(sha256(secondKey));
        JsonNode unknown = lookup(sha256(secondKey), 404);
        assertThat(unknown.path("type").asString()).isEqualTo("https://coursegen.io/problems/unknown-key");
        assertThat(lookup(sha256(firstKey), 200).path("keyId").asString()).isEqualTo(firstKeyId);
        admin().delete().uri("/internal/admin/v1/tenants/{id}/keys/{keyId}", tenant, secondKeyId).exchange()
                .expectStatus().isOk();
        JsonNode keys = json.readTree(admin().get().uri("/internal/admin/v1/tenants/{id}/keys", tenant).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(keys.path("items")).hasSize(2);
        assertThat(keys.toString()).doesNotContain(sha256(firstKey)).doesNotContain(sha256(secondKey));
    }

    @Test
    void aKeyOfAnotherTenantOrOfNoTenantCannotBeRevoked() {
        String owner = "owner-" + UUID.randomUUID();
        String key = "owned-" + UUID.randomUUID();
        String keyId = createTenant(owner, key);
        String other = "other-" + UUID.randomUUID();
        createTenant(other, "other-" + UUID.randomUUID());

        JsonNode notTheirs = problem(admin().delete().uri("/internal/admin/v1/tenants/{id}/keys/{keyId}", other, keyId)
                .exchange(), 404);
        problem(admin().delete().uri("/internal/admin/v1/tenants/{id}/keys/{keyId}", owner, "key_made_up").exchange(), 404);
        JsonNode noTenant = problem(admin().delete().uri("/internal/admin/v1/tenants/{id}/keys/{keyId}",
                "nobody-" + UUID.randomUUID(), keyId).exchange(), 404);

        assertThat(notTheirs.path("type").asString()).isEqualTo("https://coursegen.io/problems/unknown-key");
        assertThat(noTenant.path("type").asString()).isEqualTo("https://coursegen.io/problems/unknown-tenant");
        assertThat(lookup(sha256(key), 200).path("tenantId").asString()).isEqualTo(owner);
    }

    @Test
    void limitsAreTheDefaultsUntilReplacedAndReplacingThemAgainWithNothingRestoresTheDefaults() {
        String tenant = "limits-" + UUID.randomUUID();
        problem(admin().get().uri("/internal/admin/v1/tenants/{id}/limits", tenant).exchange(), 404);
        createTenant(tenant, "limits-key-" + UUID.randomUUID());

        JsonNode initial = limits(admin().get().uri("/internal/admin/v1/tenants/{id}/limits", tenant).exchange());
        assertThat(initial.path("overrides").path("maxQueued").isNull()).isTrue();
        assertThat(initial.path("limits").path("maxQueued").asInt()).isEqualTo(7);

        JsonNode replaced = limits(admin().put().uri("/internal/admin/v1/tenants/{id}/limits", tenant)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"maxQueued\": 3, \"monthlyBudgetUsd\": 12.5, \"submissionBurst\": null}").exchange());

        assertThat(replaced.path("overrides").path("maxQueued").asInt()).isEqualTo(3);
        assertThat(replaced.path("limits").path("monthlyBudgetUsd").asDouble()).isEqualTo(12.5);
        JsonNode read = limits(admin().get().uri("/internal/admin/v1/tenants/{id}/limits", tenant).exchange());
        assertThat(read.path("overrides")).isEqualTo(replaced.path("overrides"));
        Limits applied = tenantLimits.of(tenant).block();
        assertThat(applied.maxQueued()).isEqualTo(3);
        assertThat(applied.monthlyBudgetUsd()).isEqualTo(12.5);

        limits(admin().put().uri("/internal/admin/v1/tenants/{id}/limits", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange());
        assertThat(tenantLimits.of(tenant).block().maxQueued()).isEqualTo(7);
    }

    @Test
    void invalidLimitsAreRefusedNamingEachFieldAndChangeNothing() {
        String tenant = "invalid-limits-" + UUID.randomUUID();
        createTenant(tenant, "invalid-limits-key-" + UUID.randomUUID());
        limits(admin().put().uri("/internal/admin/v1/tenants/{id}/limits", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"maxQueued\": 4}").exchange());

        JsonNode refused = problem(admin().put().uri("/internal/admin/v1/tenants/{id}/limits", tenant)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"maxQueued\": -1, \"maxQueue\": 5, \"submissionBurst\": 1.5, \"monthlyBudgetUsd\": \"10\"}")
                .exchange(), 422);

        assertThat(refused.path("type").asString()).isEqualTo("https://coursegen.io/problems/invalid-limits");
        assertThat(refused.path("detail").asString()).contains("maxQueued:", "maxQueue: unknown", "submissionBurst:",
                "monthlyBudgetUsd:");
        assertThat(tenantLimits.of(tenant).block().maxQueued()).isEqualTo(4);
        problem(admin().put().uri("/internal/admin/v1/tenants/{id}/limits", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[1, 2]").exchange(), 422);
        problem(admin().put().uri("/internal/admin/v1/tenants/{id}/limits", "nobody-" + UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange(), 404);
    }

    @Test
    void aTenantAGatewayKnowsFromItsConfigurationCanBeAdministeredButNotCreatedAgain() {
        String tenant = "configured-" + UUID.randomUUID();
        admin().put().uri("/internal/admin/v1/tenants/{id}", tenant).exchange().expectStatus().isNoContent();
        limits(admin().put().uri("/internal/admin/v1/tenants/{id}/limits", tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"maxQueued\": 2}").exchange());

        // seeding again (every gateway does so before administering it) keeps what an admin set
        admin().put().uri("/internal/admin/v1/tenants/{id}", tenant).exchange().expectStatus().isNoContent();

        assertThat(tenantLimits.of(tenant).block().maxQueued()).isEqualTo(2);
        problem(admin().post().uri("/internal/admin/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenantId", tenant, "keyHash", sha256(UUID.randomUUID().toString()))).exchange(), 409);
    }

    @Test
    void adminPathsTakeOnlyTheAdminProofAndTheAdminProofOpensNothingElse() {
        String key = "proof-key-" + UUID.randomUUID();
        String tenant = "proof-" + UUID.randomUUID();
        createTenant(tenant, key);
        WebTestClient anyone = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

        // no proof at all, even naming the admin
        anyone.get().uri("/internal/admin/v1/keys/{hash}", sha256(key)).header(TENANT_HEADER, ADMIN).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://coursegen.io/problems/gateway-proof");
        // a valid proof for a tenant does not open admin paths, however they are spelt
        for (String path : new String[] {"/internal/admin/v1/keys/" + sha256(key), "/internal/%61dmin/v1/keys/" + sha256(key),
                "/internal/admin/v1/tenants/" + tenant + "/limits"}) {
            web.get().uri(java.net.URI.create("http://127.0.0.1:" + port + path)).header(TENANT_HEADER, tenant).exchange()
                    .expectStatus().isUnauthorized();
        }
        web.post().uri("/internal/admin/v1/tenants").header(TENANT_HEADER, tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenantId", "sneaky-" + UUID.randomUUID(), "keyHash", sha256(key))).exchange()
                .expectStatus().isUnauthorized();
        // a tenant that signs without naming itself is no admin either
        web.get().uri("/internal/admin/v1/keys/{hash}", sha256(key)).exchange().expectStatus().isUnauthorized();
        // and the admin's proof opens no tenant's courses, webhooks or intake
        admin().get().uri("/api/v1/courses").exchange().expectStatus().isUnauthorized();
        admin().get().uri("/api/v1/webhooks").exchange().expectStatus().isUnauthorized();
        admin().post().uri("/internal/v1/courses").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized();
    }

    /** The autowired client, signing as the admin pseudo-tenant. */
    private WebTestClient admin() {
        return web.mutate().defaultHeader(TENANT_HEADER, ADMIN).build();
    }

    private String createTenant(String tenant, String key) {
        return json.readTree(admin().post().uri("/internal/admin/v1/tenants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenantId", tenant, "keyHash", sha256(key))).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).path("keyId").asString();
    }

    private JsonNode lookup(String hash, int status) {
        var result = admin().get().uri("/internal/admin/v1/keys/{hash}", hash).exchange()
                .expectBody().returnResult();
        assertThat(result.getStatus().value()).isEqualTo(status);
        return json.readTree(result.getResponseBody());
    }

    private JsonNode limits(WebTestClient.ResponseSpec response) {
        return json.readTree(response.expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private JsonNode problem(WebTestClient.ResponseSpec response, int status) {
        var result = response.expectBody().returnResult();
        assertThat(result.getStatus().value()).isEqualTo(status);
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return json.readTree(new String(result.getResponseBody(), StandardCharsets.UTF_8));
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
