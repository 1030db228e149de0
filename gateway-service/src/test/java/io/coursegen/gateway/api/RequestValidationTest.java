package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Nothing a client sends produces a 5xx or a stack trace: every refusal is a problem saying what to fix. */
@WithEmbeddedKafka
class RequestValidationTest extends GatewayTestSupport {

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFields")
    void eachInvalidFieldIsA400ProblemNamingTheFieldAndTheRule(String body, String field, String message) {
        JsonNode problem = problem(post(body), 400);

        assertThat(problem.path("detail").asString()).isEqualTo(field + ": " + message);
        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo(field);
        assertThat(problem.path("errors").get(0).path("message").asString()).isEqualTo(message);
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("{}", "topic", "must not be null"),
                Arguments.of("{\"topic\": \"  ab \"}", "topic", "size must be between 3 and 200"),
                Arguments.of("{\"topic\": \"" + "t".repeat(201) + "\"}", "topic", "size must be between 3 and 200"),
                Arguments.of("{\"topic\": \"Kafka\", \"audience\": \"" + "a".repeat(201) + "\"}", "audience",
                        "size must be between 0 and 200"),
                Arguments.of("{\"topic\": \"Kafka\", \"level\": \"expert\"}", "level",
                        "must be one of beginner, intermediate, advanced"),
                Arguments.of("{\"topic\": \"Kafka\", \"lessonCount\": 0}", "lessonCount", "must be greater than or equal to 1"),
                Arguments.of("{\"topic\": \"Kafka\", \"lessonCount\": 31}", "lessonCount", "must be less than or equal to 30"),
                Arguments.of("{\"topic\": \"Kafka\", \"imageStyle\": \"" + "s".repeat(101) + "\"}", "imageStyle",
                        "size must be between 0 and 100"),
                Arguments.of("{\"topic\": \"Kafka\", \"review\": \"everything\"}", "review",
                        "must be one of none, outline"));
    }

    @Test
    void everyInvalidFieldIsListed() {
        JsonNode problem = problem(post("{\"topic\": \"ab\", \"level\": \"expert\", \"lessonCount\": 99}"), 400);

        assertThat(problem.path("detail").asString()).isEqualTo("lessonCount: must be less than or equal to 30; "
                + "level: must be one of beginner, intermediate, advanced; topic: size must be between 3 and 200");
        assertThat(problem.path("errors").valueStream().map(error -> error.path("field").asString()))
                .containsExactly("lessonCount", "level", "topic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"it", "zh", "zh_TW", "en-US", "klingon"})
    void unsupportedLanguageIsA400ListingTheSupportedOnes(String language) {
        JsonNode problem = problem(post("{\"topic\": \"Kafka\", \"language\": \"" + language + "\"}"), 400);

        assertThat(problem.path("detail").asString())
                .isEqualTo("language: must be one of the supported languages: en, zh-TW, zh-CN, ja, es, fr, de");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"topic\": }", "not json", "{\"topic\": \"Kafka\",}"})
    void malformedJsonIsA400(String body) {
        JsonNode problem = problem(post(body), 400);

        assertThat(problem.path("detail").asString()).startsWith("Malformed JSON request body");
    }

    @Test
    void valueOfTheWrongTypeNamesTheField() {
        JsonNode problem = problem(post("{\"topic\": \"Kafka\", \"lessonCount\": \"many\"}"), 400);

        assertThat(problem.path("detail").asString())
                .isEqualTo("Malformed JSON request body: 'lessonCount' has the wrong type or format");
    }

    @Test
    void bodyThatIsNotJsonIsA415() {
        JsonNode problem = problem(client.post().uri("/api/v1/courses").header(API_KEY, ACME_KEY)
                .contentType(MediaType.TEXT_PLAIN).bodyValue("topic=Kafka").exchange(), 415);

        assertThat(problem.path("detail").asString()).contains("text/plain");
    }

    @ParameterizedTest(name = "{0} {1} [{2}]")
    @MethodSource("garbage")
    void garbageIsAlwaysAProblemAndNeverA5xx(HttpMethod method, String path, String contentType, byte[] body) {
        WebTestClient.RequestBodySpec request = client.method(method)
                .uri(verbatim(path))
                .header(API_KEY, ACME_KEY);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        WebTestClient.ResponseSpec response = body == null ? request.exchange() : request.bodyValue(body).exchange();
        EntityExchangeResult<byte[]> result = response.expectBody().returnResult();

        assertThat(result.getStatus().is4xxClientError()).as("status %s", result.getStatus()).isTrue();
        problem(result, result.getStatus().value());
    }

    /** Request lines that no URI class would build: Netty takes them, and they must still end in a 4xx. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/courses?cursor=%zz", "/api/v1/courses?status=%", "/api/v1/courses/%zz",
            "/api/v1/courses/{id}", "/api/v1/courses/a b", "/api/v1/courses/\u00fc"})
    void requestLinesNoUriClassWouldBuildAreA4xx(String target) throws IOException {
        RawAnswer answer = raw("GET " + target + " HTTP/1.1", List.of(API_KEY + ": " + ACME_KEY), null);

        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.body()).doesNotContain("Exception", "at org.", "at io.");
    }

    /** Content types no HTTP client library would send. */
    @ParameterizedTest
    @ValueSource(strings = {"garbage", "application/json; charset=no-such-charset", "application/json; charset=",
            "/", "application/", "*/*"})
    void invalidContentTypesAreAProblem(String contentType) throws IOException {
        RawAnswer answer = raw("POST /api/v1/courses HTTP/1.1", List.of(API_KEY + ": " + ACME_KEY,
                "Content-Type: " + contentType), bytes("{\"topic\": \"Kafka\"}"));

        assertThat(answer.status()).as(answer.head()).isBetween(400, 499);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer.body()).doesNotContain("Exception", "at org.", "at io.");
    }

    static Stream<Arguments> garbage() {
        String json = "application/json";
        List<Arguments> cases = List.of(
                postOf(json, ""),
                postOf(json, "null"),
                postOf(json, "[]"),
                postOf(json, "42"),
                postOf(json, "\"Kafka\""),
                postOf(json, "{\"topic\": {\"nested\": true}}"),
                postOf(json, "{\"topic\": [\"Kafka\"]}"),
                postOf(json, "{\"topic\": \"Kafka\", \"lessonCount\": 1e999}"),
                postOf(json, "{\"topic\": \"Kafka\", \"lessonCount\": 99999999999999999999999}"),
                postOf(json, "{\"topic\": \"Kafka\", \"includeQuiz\": \"perhaps\"}"),
                postOf(json, "{\"topic\": \"Kafka\"} trailing"),
                postOf(json, "{\"topic\": \"Kafka\", \"topic\": \"x\"}"),
                postOf(json, "[".repeat(5000) + "]".repeat(5000)),
                postOf(json, "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)),
                Arguments.of(HttpMethod.POST, "/api/v1/courses", json,
                        new byte[] {'{', '"', 't', 'o', 'p', 'i', 'c', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                postOf(json, "{\"topic\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}"),
                postOf(json, "{\"topic\": \"Kafka\u0007bell\"}"),
                postOf("application/xml", "<course><topic>Kafka</topic></course>"),
                postOf("multipart/form-data; boundary=x", "--x--"),
                postOf(null, "{\"topic\": \"Kafka\"}"),
                Arguments.of(HttpMethod.PUT, "/api/v1/courses", json, bytes("{\"topic\": \"Kafka\"}")),
                Arguments.of(HttpMethod.DELETE, "/api/v1/courses", null, null),
                Arguments.of(HttpMethod.POST, "/api/v1/courses/abc", json, bytes("{}")),
                Arguments.of(HttpMethod.GET, "/api/v1/nothing-here", null, null),
                Arguments.of(HttpMethod.GET, "/api/v2/courses", null, null),
                Arguments.of(HttpMethod.GET, "/api/v1/courses/" + "a".repeat(101), null, null),
                Arguments.of(HttpMethod.GET, "/api/v1/courses/bad$id", null, null),
                Arguments.of(HttpMethod.GET, "/api/v1/courses/bad%00id", null, null),
                Arguments.of(HttpMethod.GET, "/api/v1/courses/%2e%2e", null, null),
                Arguments.of(HttpMethod.GET, "/api/v1/courses/a%2Fb", null, null),
                Arguments.of(HttpMethod.GET, "/api/v1/courses/" + "a".repeat(101) + "/events", null, null),
                Arguments.of(HttpMethod.GET, "/api/v1/courses/x/events/more", null, null));
        return cases.stream();
    }

    @Test
    void unknownEndpointIsA404ProblemNamingIt() {
        JsonNode problem = problem(client.get().uri("/api/v1/lessons").header(API_KEY, ACME_KEY).exchange(), 404);

        assertThat(problem.path("detail").asString()).isEqualTo("There is no endpoint GET /api/v1/lessons");
    }

    @Test
    void oddCourseIdsAreRefusedWithoutAskingStorage() {
        JsonNode problem = problem(client.get().uri("/api/v1/courses/{id}", "bad$id").header(API_KEY, ACME_KEY).exchange(), 400);

        assertThat(problem.path("detail").asString()).contains("course id");
        assertThat(STORAGE.received("/api/v1/courses/bad$id")).isEmpty();
    }

    private WebTestClient.ResponseSpec post(String body) {
        return client.post().uri("/api/v1/courses")
                .header(API_KEY, ACME_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static Arguments postOf(String contentType, String body) {
        return Arguments.of(HttpMethod.POST, "/api/v1/courses", contentType, bytes(body));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
