package io.coursegen.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.ImageGenerated;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonGenerated;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.Topics;
import io.coursegen.contracts.Usage;
import io.coursegen.storage.quota.LimitOverrides;
import io.coursegen.storage.quota.TenantLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's monthly budget at the one way in, priced with a table of its own: a 1-lesson course is estimated at
 * $0.279 (an outline, a lesson, two pictures at the expected tokens) and, with the parts sent here, really costs
 * $0.1178. The budget is $0.70: two courses fit, a third does not until the first is settled at its real cost.
 */
@Import(AsAGateway.Client.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AsAGateway.SECRET_PROPERTY,
        "spring.config.name=storage-service",
        "coursegen.kafka.partitions=2",
        "coursegen.admission.max-in-flight=4",
        "coursegen.quotas.submissions-per-minute=0",
        "coursegen.quotas.max-queued=0",
        "coursegen.quotas.monthly-budget-usd=0.70",
        "coursegen.estimates.chat-model=gpt-test",
        "coursegen.estimates.image-model=gpt-image-test",
        "coursegen.estimates.course-duration=2m",
        "coursegen.pricing.models[gpt-test].prompt-per-million=10",
        "coursegen.pricing.models[gpt-test].completion-per-million=20",
        "coursegen.pricing.models[gpt-image-test].per-image=0.05"})
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class SpendBudgetTest {

    private static final String TENANT_HEADER = "X-Coursegen-Tenant";
    /** outline 1500/2500 tokens, a lesson 1800/3000, two pictures of 1000/400 tokens and one image each. */
    private static final double ESTIMATE = 0.065 + 0.078 + 2 * (0.018 + 0.05);
    /** What the parts sent by {@link #complete} report: outline 300/400, lesson 100/200, each picture 50/20 and an image. */
    private static final double REAL_COST = 0.011 + 0.005 + 2 * (0.0009 + 0.05);

    @Autowired
    WebTestClient web;
    @Autowired
    JsonMapper json;
    @Autowired
    KafkaTemplate<String, Object> kafka;
    @Autowired
    TenantLimits limits;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedStores.register(registry, "budget-test", "budget-test-secret");
    }

    @Test
    void aSubmissionThatWouldPassTheBudgetIsRefusedUntilASettledCourseFreesWhatItDidNotSpend() {
        String tenant = "tenant-budget-" + UUID.randomUUID();
        JsonNode first = submit(tenant);
        assertThat(first.path("outcome").asString()).isEqualTo("CREATED");
        assertThat(first.path("estimate").path("costUsd").asDouble()).isCloseTo(ESTIMATE, within(1e-9));
        Instant completesAt = Instant.parse(first.path("estimate").path("completesAt").asString());
        assertThat(completesAt).isBetween(Instant.now().plus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofMinutes(3)));
        String second = submit(tenant).path("course").path("courseId").asString();

        JsonNode refused = submit(tenant);

        assertThat(refused.path("outcome").asString()).isEqualTo("REFUSED");
        assertThat(refused.path("refusal").path("reason").asString()).isEqualTo("BUDGET_EXHAUSTED");
        assertThat(refused.path("refusal").path("detail").asString())
                .contains("budget of $0.70").contains("has $0.14 left").contains("estimated $0.28");
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        long untilNextMonth = Duration.between(Instant.now(),
                month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)).toSeconds();
        assertThat(refused.path("refusal").path("retryAfterSeconds").asLong()).isBetween(untilNextMonth - 60, untilNextMonth + 1);
        JsonNode usage = usage(tenant);
        assertThat(usage.path("month").asString()).isEqualTo(month.toString());
        assertThat(usage.path("budgetUsd").asDouble()).isEqualTo(0.70);
        assertThat(usage.path("reservedUsd").asDouble()).isCloseTo(2 * ESTIMATE, within(1e-4));
        assertThat(usage.path("spentUsd").asDouble()).isZero();
        assertThat(usage.path("remainingUsd").asDouble()).isCloseTo(0.70 - 2 * ESTIMATE, within(1e-4));
        assertThat(usage.path("courses").properties()).hasSize(1);
        assertThat(usage.path("courses").valueStream().mapToLong(JsonNode::asLong).sum()).isEqualTo(2);

        complete(first.path("course").path("courseId").asString(), tenant);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode settled = usage(tenant);
            assertThat(settled.path("spentUsd").asDouble()).isCloseTo(REAL_COST, within(1e-4));
            assertThat(settled.path("reservedUsd").asDouble()).isCloseTo(ESTIMATE, within(1e-4));
            assertThat(settled.path("courses").path("COMPLETED").asLong()).isEqualTo(1);
        });
        assertThat(submit(tenant).path("outcome").asString()).isEqualTo("CREATED");
        // a cancelled course without parts cost nothing: all of its reservation comes back
        cancel(tenant, second);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(usage(tenant).path("reservedUsd").asDouble()).isCloseTo(ESTIMATE, within(1e-4)));
    }

    @Test
    void aTenantsOwnBudgetOverridesTheDefaultAndARefusedCourseIsNeverStored() {
        String small = "tenant-small-" + UUID.randomUUID();
        limits.replace(small, new LimitOverrides(null, null, null, null, 0.10)).block();

        JsonNode refused = submit(small);

        assertThat(refused.path("outcome").asString()).isEqualTo("REFUSED");
        assertThat(refused.path("refusal").path("reason").asString()).isEqualTo("BUDGET_EXHAUSTED");
        assertThat(refused.path("refusal").path("detail").asString()).contains("budget of $0.10");
        web.get().uri("/api/v1/courses/{id}", refused.path("course").path("courseId").asString())
                .header(TENANT_HEADER, small).exchange().expectStatus().isNotFound();
        JsonNode usage = usage(small);
        assertThat(usage.path("budgetUsd").asDouble()).isEqualTo(0.10);
        assertThat(usage.path("reservedUsd").asDouble()).isZero();
        assertThat(usage.path("courses").isEmpty()).isTrue();
        // no budget at all for a tenant set to 0: its course is taken and still reserved, for the usage figures
        String unlimited = "tenant-unlimited-" + UUID.randomUUID();
        limits.replace(unlimited, new LimitOverrides(null, null, null, null, 0.0)).block();
        for (int i = 0; i < 3; i++) {
            assertThat(submit(unlimited).path("outcome").asString()).isEqualTo("CREATED");
        }
        JsonNode unlimitedUsage = usage(unlimited);
        assertThat(unlimitedUsage.path("budgetUsd").isNull()).isTrue();
        assertThat(unlimitedUsage.path("remainingUsd").isNull()).isTrue();
        assertThat(unlimitedUsage.path("reservedUsd").asDouble()).isCloseTo(3 * ESTIMATE, within(1e-4));
    }

    private JsonNode submit(String tenant) {
        CourseSpec spec = new CourseSpec("Budgets", "finance teams", "beginner", "en", 1, true, "flat");
        Map<String, Object> body = Map.of("course", new CourseRequested("c-" + UUID.randomUUID(), tenant, spec, Instant.now()));
        byte[] answer = web.post().uri("/internal/v1/courses").header(TENANT_HEADER, tenant)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return json.readTree(answer);
    }

    private JsonNode usage(String tenant) {
        return json.readTree(web.get().uri("/api/v1/usage").header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private void cancel(String tenant, String courseId) {
        web.delete().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isAccepted();
    }

    /** Every part of a 1-lesson course, as the generating services would send them. */
    private void complete(String courseId, String tenant) {
        Outline outline = new Outline("Budgets, gently", "A short course", "finance teams", List.of(),
                List.of("read a budget"), List.of(new Outline.OutlineLesson("lesson-01", 1, "Planned", "Summary",
                        List.of("objective"), List.of("concept"), 10)));
        kafka.send(Topics.COURSE_OUTLINED, courseId, new CourseOutlined(courseId, tenant, outline,
                new Usage("openai", "gpt-test", 1, 300, 400, 0), Instant.now())).join();
        kafka.send(Topics.LESSON_GENERATED, courseId, new LessonGenerated(courseId, "lesson-01",
                new Lesson("Written", "# Lesson\n\nText.", List.of("takeaway"),
                        List.of(new Lesson.QuizQuestion("Why?", List.of("a", "b", "c"), 1, "Because b."))),
                new Usage("openai", "gpt-test", 1, 100, 200, 0), Instant.now())).join();
        for (String imageId : List.of(ImageRequested.COVER, "lesson-01")) {
            kafka.send(Topics.IMAGE_GENERATED, courseId, new ImageGenerated(courseId, imageId,
                    imageId.equals(ImageRequested.COVER) ? null : imageId, "media/" + imageId + ".png", "image/png", 64, 48,
                    100, "0".repeat(64), "a ledger", "caption", "alt text", "prompt",
                    new Usage("openai", "gpt-test+gpt-image-test", 2, 50, 20, 1), Instant.now())).join();
        }
    }
}
