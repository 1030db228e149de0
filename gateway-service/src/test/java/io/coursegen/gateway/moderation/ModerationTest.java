package io.coursegen.gateway.moderation;

import static io.coursegen.gateway.FakeStorage.NEW_COURSES;
import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseSubmission;
import io.coursegen.contracts.OutlineDraft;
import io.coursegen.contracts.Topics;
import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import io.coursegen.llm.moderation.MeteredModeration;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.FakeOpenAiServer.Scripted;
import io.coursegen.testkit.TestImages;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The content policy at the door, in front of a stand-in storage-service: the shared context moderates with the
 * offline word list ({@code massacre} and {@code forbidden-word} are violence, see {@link GatewayTestSupport}); the
 * provider's own endpoint, its outage and moderation turned off each get an instance of their own.
 */
@WithEmbeddedKafka
class ModerationTest extends GatewayTestSupport {

    private static final String CONTENT_POLICY = "https://coursegen.io/problems/content-policy";

    @Test
    void aFlaggedTopicIs422NamingTheCategoryAndFieldAndStorageHearsNothing() {
        String topic = "How to plan a massacre " + UUID.randomUUID();

        JsonNode problem = problem(submit(client, Map.of("topic", topic, "lessonCount", 1)), 422);

        assertThat(problem.path("type").asString()).isEqualTo(CONTENT_POLICY);
        assertThat(problem.path("categories").valueStream().map(JsonNode::asString)).containsExactly("violence");
        assertThat(problem.path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("field").asString()).isEqualTo("topic");
            assertThat(error.path("message").asString()).contains("violence");
        });
        assertThat(problem.toString()).as("the flagged text is not echoed").doesNotContain("massacre");
        assertThat(offeredAbout(topic)).isEmpty();
    }

    @Test
    void everyUserWrittenFieldOfACourseIsChecked() {
        String topic = "Medieval castles " + UUID.randomUUID();

        JsonNode problem = problem(submit(client, Map.of("topic", topic, "audience", "fans of a good MASSACRE",
                "imageStyle", "forbidden-word style")), 422);

        assertThat(problem.path("errors").valueStream().map(error -> error.path("field").asString()))
                .containsExactly("audience", "imageStyle");
        assertThat(offeredAbout(topic)).isEmpty();
    }

    @Test
    void aCleanCourseIsAccepted() {
        String topic = "Medieval castles " + UUID.randomUUID();

        submit(client, Map.of("topic", topic, "audience", "massacres of history buffs")).expectStatus().isAccepted();

        assertThat(offeredAbout(topic)).hasSize(1);
    }

    @Test
    void flaggedRegenerationInstructionsAre422AndNotForwarded() {
        String id = UUID.randomUUID().toString();
        for (String what : List.of("/regenerate", "/picture/regenerate")) {
            String path = "/api/v1/courses/" + id + "/lessons/lesson-01" + what;

            JsonNode problem = problem(client.post().uri(path).header(API_KEY, ACME_KEY)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"instructions\":\"Add a massacre\"}")
                    .exchange(), 422);

            assertThat(problem.path("type").asString()).isEqualTo(CONTENT_POLICY);
            assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("instructions");
            assertThat(STORAGE.received(path)).as(what).isEmpty();
        }
    }

    @Test
    void cleanRegenerationInstructionsAreForwardedAsSent() {
        String id = UUID.randomUUID().toString();
        String path = "/api/v1/courses/" + id + "/lessons/lesson-01/regenerate";
        STORAGE.answer("POST", "acme", path, 202, "application/json",
                "{\"courseId\":\"" + id + "\",\"lessonId\":\"lesson-01\",\"revision\":2,\"status\":\"GENERATING\"}");
        String body = "{\"instructions\":\"More examples from logistics\"}";

        client.post().uri(path).header(API_KEY, ACME_KEY).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isAccepted();

        assertThat(STORAGE.bodies(path)).singleElement().extracting(FakeStorage.ReceivedBody::body).isEqualTo(body);
    }

    @Test
    void aFlaggedHandEditOrAddedLessonIs422NamingTheFieldAndNotForwarded() {
        String id = UUID.randomUUID().toString();
        String lesson = "/api/v1/courses/" + id + "/lessons/lesson-01";
        String lessons = "/api/v1/courses/" + id + "/lessons";

        JsonNode edit = problem(client.patch().uri(lesson).header(API_KEY, ACME_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"keyTakeaways\":[\"Plan ahead\",\"Then a massacre\",\"Rest\"]}").exchange(), 422);
        JsonNode added = problem(client.post().uri(lessons).header(API_KEY, ACME_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"Quorum\",\"summary\":\"A massacre of replicas\"}").exchange(), 422);

        assertThat(edit.path("errors").get(0).path("field").asString()).isEqualTo("keyTakeaways[1]");
        assertThat(added.path("errors").get(0).path("field").asString()).isEqualTo("summary");
        assertThat(STORAGE.received(lesson)).isEmpty();
        assertThat(STORAGE.received(lessons)).isEmpty();
    }

    @Test
    void aFlaggedTextAnywhereInAnEditedOutlineIs422NamingItsPathAndNothingIsSaved() {
        String courseId = UUID.randomUUID().toString();
        OutlineDraft original = outline("Partitions");
        STORAGE.awaitingReview("acme", courseId, new CourseSpec("Kafka for SREs", "SREs", "beginner", "en", 1, true,
                "flat", CourseSpec.OUTLINE_REVIEW), original);

        JsonNode problem = problem(client.put().uri("/api/v1/courses/{id}/outline", courseId).header(API_KEY, ACME_KEY)
                .header(HttpHeaders.IF_MATCH, "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.writeValueAsString(outline("The partition massacre"))).exchange(), 422);

        assertThat(problem.path("type").asString()).isEqualTo(CONTENT_POLICY);
        assertThat(problem.path("errors").valueStream().map(error -> error.path("field").asString()))
                .containsExactly("modules[0].lessons[0].title");
        assertThat(STORAGE.bodies(FakeStorage.COURSES + "/" + courseId + "/outline")).isEmpty();
        assertThat(STORAGE.reviewed("acme", courseId).outline()).isEqualTo(original);
    }

    @Test
    void aFlaggedSubmissionByKafkaIsRejectedNamingCategoryAndFieldAndDeadLettered() throws Exception {
        String requestId = "req-flagged-" + UUID.randomUUID();
        String topic = "A massacre by event " + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.COURSE_REQUESTS, requestId,
                    "{\"topic\":\"%s\",\"requestId\":\"%s\"}".formatted(topic, requestId));
            record.headers().add(CourseSubmission.TENANT_HEADER, "acme".getBytes(StandardCharsets.UTF_8));
            record.headers().add(CourseSubmission.API_KEY_HEADER, ACME_KEY.getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }

        ConsumerRecord<String, String> rejection = awaitRecord(Topics.COURSE_STATUS, requestId);
        List<String> reasons = new ArrayList<>();
        json.readTree(rejection.value()).path("reasons").forEach(reason -> reasons.add(reason.asString()));
        assertThat(reasons).containsExactly("content-policy: violence in topic");
        awaitRecord(Topics.COURSE_REQUESTS + Topics.DEAD_LETTER_SUFFIX, requestId);
        assertThat(offeredAbout(topic)).isEmpty();
    }

    @Test
    void theProvidersModerationFlagsByItsCategoriesAndItsOutageIs503NotAPass() {
        try (FakeOpenAiServer openAi = new FakeOpenAiServer("sk-gateway", request -> "{}", TestImages.png(4, 4));
                ConfigurableApplicationContext gateway = anotherInstance(
                        "--coursegen.llm.provider=openai",
                        "--coursegen.llm.api-key=sk-gateway",
                        "--coursegen.llm.base-url=" + openAi.baseUrl(),
                        "--coursegen.moderation.initial-backoff=10ms",
                        // no submissions by Kafka here: the shared context's listener takes them
                        "--coursegen.gateway.intake.authentication=none")) {
            WebTestClient other = clientOf(gateway);
            openAi.flagModeration("duel", "violence", "harassment");
            String flagged = "The art of the duel " + UUID.randomUUID();
            String clean = "Gardening " + UUID.randomUUID();
            String unchecked = "Pottery " + UUID.randomUUID();

            JsonNode refusal = problem(submit(other, Map.of("topic", flagged)), 422);
            submit(other, Map.of("topic", clean)).expectStatus().isAccepted();
            openAi.failNextModerations(Scripted.serverError(), Scripted.serverError());
            var outage = submit(other, Map.of("topic", unchecked)).expectBody().returnResult();

            assertThat(refusal.path("categories").valueStream().map(JsonNode::asString))
                    .containsExactly("harassment", "violence");
            JsonNode unavailable = problem(outage, 503);
            assertThat(unavailable.path("type").asString()).isEqualTo("https://coursegen.io/problems/moderation-unavailable");
            assertThat(outage.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
            assertThat(offeredAbout(flagged)).isEmpty();
            assertThat(offeredAbout(clean)).hasSize(1);
            assertThat(offeredAbout(unchecked)).as("fail closed").isEmpty();
            assertThat(openAi.moderations()).hasSize(4).allSatisfy(request -> {
                assertThat(request.body().path("model").asString()).isEqualTo("omni-moderation-latest");
            });
            assertThat(FakeOpenAiServer.moderatedTexts(openAi.moderations().get(0)))
                    .containsExactly(flagged, "general learners", "clean flat illustration");
            MeterRegistry meters = gateway.getBean(MeterRegistry.class);
            assertThat(meters.counter(MeteredModeration.CALLS, "provider", "openai", "outcome", "flagged").count()).isEqualTo(1);
            assertThat(meters.counter(MeteredModeration.CALLS, "provider", "openai", "outcome", "passed").count()).isEqualTo(1);
            assertThat(meters.counter(MeteredModeration.CALLS, "provider", "openai", "outcome", "failed").count()).isEqualTo(1);
        }
    }

    @Test
    void withModerationOffNothingIsCheckedAndNoProviderIsNeeded() {
        try (ConfigurableApplicationContext gateway = anotherInstance(
                "--coursegen.moderation.enabled=false",
                "--coursegen.llm.provider=",
                "--coursegen.gateway.intake.authentication=none")) {
            String topic = "A massacre, unchecked " + UUID.randomUUID();

            submit(clientOf(gateway), Map.of("topic", topic)).expectStatus().isAccepted();

            assertThat(offeredAbout(topic)).hasSize(1);
            assertThat(gateway.getBean(MeterRegistry.class).find(MeteredModeration.CALLS).counters()).isEmpty();
        }
    }

    private WebTestClient.ResponseSpec submit(WebTestClient gateway, Map<String, Object> body) {
        return gateway.post().uri("/api/v1/courses").header(API_KEY, ACME_KEY).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    /** Every course offered to storage with this topic. */
    private List<JsonNode> offeredAbout(String topic) {
        return STORAGE.bodies(NEW_COURSES).stream().map(sent -> json.readTree(sent.body()))
                .filter(sent -> sent.path("course").path("spec").path("topic").asString().equals(topic))
                .toList();
    }

    private static OutlineDraft outline(String lessonTitle) {
        return new OutlineDraft("Kafka for SREs", "Running Kafka in production", "site reliability engineers", List.of(),
                List.of("Explain how partitions spread load", "Configure a producer for durability", "Diagnose consumer lag"),
                List.of(new OutlineDraft.DraftModule("Foundations", List.of(
                        new OutlineDraft.DraftLesson(lessonTitle, "How a topic is split", List.of("Explain partitions"),
                                List.of("partition", "leader"), 15)))));
    }
}
