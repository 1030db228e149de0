package io.coursegen.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.storage.quota.Refusal;
import io.coursegen.storage.quota.TenantQuotas;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's limits at the one way in, in a context of its own with small ones: 3 submissions at once then one every
 * 10 s, at most 2 courses waiting, 2 regenerations an hour. Nothing is admitted here, so submitted courses stay waiting until cancelled.
 */
@Import(AsAGateway.Client.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AsAGateway.SECRET_PROPERTY,
        "spring.config.name=storage-service",
        "coursegen.kafka.partitions=2",
        "coursegen.admission.max-in-flight=0",
        "coursegen.quotas.submissions-per-minute=6",
        "coursegen.quotas.submission-burst=3",
        "coursegen.quotas.max-queued=2",
        "coursegen.quotas.regenerations-per-hour=2"})
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class TenantQuotasTest {

    private static final String TENANT_HEADER = "X-Coursegen-Tenant";

    @Autowired
    WebTestClient web;
    @Autowired
    JsonMapper json;
    @Autowired
    TenantQuotas quota;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedStores.register(registry, "quota-test", "quota-test-secret");
    }

    @Test
    void aTenantOverItsRateIsRefusedWithWhenToRetryWhileAnotherTenantIsNot() {
        String busy = "tenant-busy-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            JsonNode accepted = submit(busy, null);
            assertThat(accepted.path("outcome").asString()).isEqualTo("CREATED");
            cancel(busy, accepted.path("course").path("courseId").asString());
        }

        JsonNode refused = submit(busy, null);

        assertThat(refused.path("outcome").asString()).isEqualTo("REFUSED");
        assertThat(refused.path("refusal").path("reason").asString()).isEqualTo("RATE_LIMITED");
        assertThat(refused.path("refusal").path("retryAfterSeconds").asLong()).isBetween(1L, 10L);
        assertThat(refused.path("refusal").path("detail").asString()).contains("6 courses a minute");
        String other = "tenant-other-" + UUID.randomUUID();
        JsonNode otherAccepted = submit(other, null);
        assertThat(otherAccepted.path("outcome").asString()).isEqualTo("CREATED");
        cancel(other, otherAccepted.path("course").path("courseId").asString());
    }

    @Test
    void aRepeatOfASubmissionAlreadyTakenIsAnsweredWhateverTheLimitsSayNowAndARefusedKeyStaysFree() {
        String tenant = "tenant-keys-" + UUID.randomUUID();
        String firstKey = "key-" + UUID.randomUUID();
        JsonNode first = submit(tenant, firstKey);
        cancel(tenant, first.path("course").path("courseId").asString());
        for (int i = 0; i < 2; i++) {
            JsonNode accepted = submit(tenant, "key-" + UUID.randomUUID());
            cancel(tenant, accepted.path("course").path("courseId").asString());
        }
        String refusedKey = "key-" + UUID.randomUUID();
        assertThat(submit(tenant, refusedKey).path("outcome").asString()).isEqualTo("REFUSED");

        JsonNode replay = submit(tenant, firstKey);

        assertThat(replay.path("outcome").asString()).isEqualTo("REPLAYED");
        assertThat(replay.path("course").path("courseId").asString()).isEqualTo(first.path("course").path("courseId").asString());
        // the refused key stands for nothing: its retry is a new submission, refused again while the bucket is empty
        assertThat(submit(tenant, refusedKey).path("outcome").asString()).isEqualTo("REFUSED");
    }

    @Test
    void aTenantWithAFullQueueIsRefusedUntilOneOfItsCoursesLeavesIt() {
        String tenant = "tenant-queue-" + UUID.randomUUID();
        String waiting = submit(tenant, null).path("course").path("courseId").asString();
        String second = submit(tenant, null).path("course").path("courseId").asString();

        JsonNode refused = submit(tenant, null);

        assertThat(refused.path("outcome").asString()).isEqualTo("REFUSED");
        assertThat(refused.path("refusal").path("reason").asString()).isEqualTo("QUEUE_FULL");
        assertThat(refused.path("refusal").path("detail").asString()).contains("2 courses waiting");
        cancel(tenant, waiting);
        // the full queue took no token: the third of the burst is still there
        JsonNode afterOneLeft = submit(tenant, null);
        assertThat(afterOneLeft.path("outcome").asString()).isEqualTo("CREATED");
        cancel(tenant, second);
        cancel(tenant, afterOneLeft.path("course").path("courseId").asString());
    }

    @Test
    void aTenantMayHaveOnlySoManyLessonsWrittenAgainAnHourWhatEverItSubmits() {
        String tenant = "tenant-regenerating-" + UUID.randomUUID();
        assertThat(quota.checkRegeneration(tenant).blockOptional()).isEmpty();
        assertThat(quota.checkRegeneration(tenant).blockOptional()).isEmpty();

        Refusal refused = quota.checkRegeneration(tenant).block();

        assertThat(refused.reason()).isEqualTo(Refusal.Reason.RATE_LIMITED);
        assertThat(refused.detail()).startsWith("You may regenerate 2 lessons an hour");
        // one token back every 30 minutes
        assertThat(refused.retryAfterSeconds()).isBetween(1700L, 1800L);
        assertThat(quota.checkRegeneration("tenant-other-" + UUID.randomUUID()).blockOptional()).isEmpty();
        // its own bucket: submissions are not touched
        assertThat(submit(tenant, null).path("outcome").asString()).isEqualTo("CREATED");
    }

    private JsonNode submit(String tenant, String idempotencyKey) {
        CourseSpec spec = new CourseSpec("Rate limits", "API designers", "beginner", "en", 1, true, "flat");
        Map<String, Object> body = new HashMap<>();
        body.put("course", new CourseRequested("c-" + UUID.randomUUID(), tenant, spec, Instant.now()));
        if (idempotencyKey != null) {
            body.put("idempotencyKey", idempotencyKey);
            body.put("requestHash", "hash-of-the-same-request");
        }
        byte[] answer = web.post().uri("/internal/v1/courses").header(TENANT_HEADER, tenant)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return json.readTree(answer);
    }

    private void cancel(String tenant, String courseId) {
        web.delete().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isAccepted();
    }
}
