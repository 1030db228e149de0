package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.TopicOwners;
import io.coursegen.contracts.Topics;
import io.coursegen.kafka.RecordProvenance;
import io.coursegen.local.LocalPlatform;
import io.coursegen.local.PlatformSettings;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform on the openai provider, through LangChain4j's real HTTP client, against a local
 * OpenAI-protocol server that answers each structured-output schema and checks what it receives.
 */
class OpenAiCourseEndToEndTest extends CourseEndToEndScenario {

    private static final String OPENAI_KEY = "sk-e2e-test";
    private static final String RECORD_SECRET = "e2e-kafka-record-secret-0123456789abcdef";
    private static final Set<String> PROMQL_KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "inf", "nan");
    private static FakeOpenAiServer openAi;
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        openAi = new FakeOpenAiServer(OPENAI_KEY, OpenAiCourseEndToEndTest::answer, TestImages.png(640, 480));
        platform = LocalPlatform.start(PlatformSettings.ephemeral(API_KEYS, Map.of(
                "coursegen.llm.provider", "openai",
                "coursegen.llm.api-key", OPENAI_KEY,
                "coursegen.llm.base-url", openAi.baseUrl(),
                "coursegen.llm.chat-model", "gpt-e2e-chat",
                "coursegen.llm.image-model", "gpt-e2e-image",
                "coursegen.kafka.partitions", "2",
                PlatformSettings.KAFKA_RECORD_SECRET_PROPERTY, RECORD_SECRET)));
    }

    @AfterAll
    static void stop() {
        platform.close();
        openAi.close();
    }

    @Override
    LocalPlatform platform() {
        return platform;
    }

    @Override
    void verifyProvider(JsonNode course) throws Exception {
        assertThat(course.path("outline").path("title").asString()).isEqualTo("Quantum Computing, Plainly");
        JsonNode superposition = course.path("lessons").get(0);
        assertThat(superposition.path("title").asString()).isEqualTo("Superposition");
        assertThat(superposition.path("module").asString()).isEqualTo("Qubits and how they link");
        assertThat(superposition.path("image").path("visualConcept").asString()).isEqualTo("Schrödinger's cat in a box");
        assertThat(superposition.path("image").path("caption").asString()).contains("superposition");
        assertThat(course.path("usage").path("promptTokens").asLong()).isPositive();
        int expectedCalls = 1 + LESSONS + 2 * (LESSONS + 1);
        assertThat(course.path("usage").path("llmCalls").asInt()).as("outline + lessons + plan and image per picture")
                .isEqualTo(expectedCalls);

        List<FakeOpenAiServer.Received> chats = openAi.received("/v1/chat/completions");
        assertThat(chats).allSatisfy(chat -> {
            assertThat(chat.authorization()).isEqualTo("Bearer " + OPENAI_KEY);
            assertThat(chat.body().path("model").asString()).isEqualTo("gpt-e2e-chat");
            assertThat(chat.body().path("response_format").path("json_schema").path("strict").asBoolean()).isTrue();
        });
        assertThat(chats).extracting(FakeOpenAiServer.Received::schemaName)
                .containsExactlyInAnyOrder("GeneratedOutline", "GeneratedLesson", "GeneratedLesson",
                        "PicturePlan", "PicturePlan", "PicturePlan");
        List<FakeOpenAiServer.Received> images = openAi.received("/v1/images/generations");
        assertThat(images).hasSize(LESSONS + 1).allSatisfy(image -> {
            assertThat(image.authorization()).isEqualTo("Bearer " + OPENAI_KEY);
            assertThat(image.body().path("model").asString()).isEqualTo("gpt-e2e-image");
        });

        assertEveryMetricTheAlertsAndDashboardsQueryIsExported();
    }

    /**
     * An alert on a metric no service exports would never fire, and a dashboard panel on one stays empty: read
     * every expression of the alert rules and of the Grafana dashboards, scrape every service, compare names.
     */
    private void assertEveryMetricTheAlertsAndDashboardsQueryIsExported() throws Exception {
        try (Producer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.infrastructure().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            // one unreadable work request as outline-service would sign it, so the dead-letter counter has something
            // to count, and the same unsigned, for the counter of ignored records
            byte[] unreadable = "not json".getBytes(StandardCharsets.UTF_8);
            ProducerRecord<String, byte[]> signed = new ProducerRecord<>(Topics.LESSON_REQUESTED, "metrics-probe", unreadable);
            new RecordProvenance(RECORD_SECRET).sign(signed, TopicOwners.OUTLINE);
            producer.send(signed);
            producer.send(new ProducerRecord<>(Topics.LESSON_REQUESTED, "metrics-probe-unsigned", unreadable));
        }
        Set<String> named = new TreeSet<>();
        for (String expression : alertExpressions(Path.of("../deploy/prometheus/rules"))) {
            named.addAll(metricNames(expression));
        }
        Set<String> inDashboards = new TreeSet<>();
        for (String expression : dashboardExpressions(Path.of("../deploy/grafana/dashboards"))) {
            inDashboards.addAll(metricNames(expression));
        }
        named.addAll(inDashboards);
        assertThat(named).contains("coursegen_llm_calls_total", "coursegen_kafka_dead_letters_total",
                "coursegen_courses_completed_total", "kafka_consumer_fetch_manager_records_lag");
        assertThat(inDashboards).contains("coursegen_course_duration_seconds_bucket", "coursegen_llm_cost_usd_total",
                "coursegen_courses_in_flight", "jvm_memory_used_bytes", "http_server_requests_seconds_count");
        // Micrometer binds the Kafka consumers' per-partition lag on its rescan, a minute after they started
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>();
            for (String service : List.of("gateway-service", "outline-service", "content-service", "image-service", "storage-service")) {
                exported.addAll(exportedNames(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + platform.port(service) + "/actuator/prometheus")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()));
            }
            assertThat(named).allSatisfy(metric -> assertThat(exported).as("exported by some service").contains(metric));
        });
    }

    /** The {@code expr} of every rule: one line, or a block ({@code expr: |}) of the lines indented below it. */
    private static List<String> alertExpressions(Path rules) throws Exception {
        List<String> expressions = new ArrayList<>();
        try (var files = Files.list(rules)) {
            for (Path file : files.toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher expr = Pattern.compile("^(\\s*)expr:\\s*(.*)$").matcher(lines.get(i));
                    if (!expr.matches()) {
                        continue;
                    }
                    if (!expr.group(2).matches("[|>][-+]?")) {
                        expressions.add(expr.group(2));
                        continue;
                    }
                    StringBuilder block = new StringBuilder();
                    int indent = expr.group(1).length();
                    while (i + 1 < lines.size() && (lines.get(i + 1).isBlank()
                            || lines.get(i + 1).length() - lines.get(i + 1).stripLeading().length() > indent)) {
                        block.append(lines.get(++i)).append('\n');
                    }
                    expressions.add(block.toString());
                }
            }
        }
        return expressions;
    }

    /** Every {@code expr} anywhere in the dashboards' JSON (panel targets, nested rows). */
    private static List<String> dashboardExpressions(Path dashboards) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        List<String> expressions = new ArrayList<>();
        try (var files = Files.list(dashboards)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).toList()) {
                json.readTree(Files.readString(file)).findValues("expr")
                        .forEach(expr -> expressions.add(expr.asString()));
            }
        }
        assertThat(expressions).as("dashboard expressions").isNotEmpty();
        return expressions;
    }

    /**
     * The metric names a PromQL expression selects. Strings, label matchers, ranges, label lists
     * ({@code by (le)}, {@code on (...)}), Grafana variables, numbers and durations are dropped; what remains is
     * functions and aggregations (a name followed by a parenthesis), keywords, and metric names, which keep any
     * {@code _bucket}, {@code _count} or {@code _sum} suffix, since those are the exported names.
     */
    static Set<String> metricNames(String promql) {
        String selectors = promql
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*]", " ")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{?\\w+}?", " ");
        Set<String> names = new TreeSet<>();
        Matcher name = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()").matcher(selectors);
        while (name.find()) {
            if (!PROMQL_KEYWORDS.contains(name.group(1).toLowerCase(Locale.ROOT))) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    /** The metric names in a Prometheus text exposition. */
    private static Set<String> exportedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .forEach(names::add);
        return names;
    }

    private static String answer(FakeOpenAiServer.Received request) {
        return switch (request.schemaName()) {
            case "GeneratedOutline" -> """
                    {"title": "Quantum Computing, Plainly",
                     "description": "What quantum computers do differently, and when that matters for a product.",
                     "audience": "product managers",
                     "prerequisites": ["None"],
                     "learningObjectives": ["Explain superposition", "Describe entanglement", "Judge quantum claims"],
                     "modules": [{"title": "Qubits and how they link", "lessons": [
                       {"title": "Superposition", "summary": "A qubit holds both answers until measured.",
                        "objectives": ["Explain superposition"], "keyConcepts": ["superposition", "measurement", "qubit"],
                        "estimatedMinutes": 12},
                       {"title": "Entanglement", "summary": "Two qubits whose outcomes are linked.",
                        "objectives": ["Describe entanglement"], "keyConcepts": ["entanglement", "correlation", "Bell pair"],
                        "estimatedMinutes": 10}]}]}
                    """;
            case "GeneratedLesson" -> """
                    {"markdown": "## Introduction\\nQubits differ from bits.\\n## Explanation\\nThey hold amplitudes.\\n## Worked example\\nA coin in the air.\\n## Summary\\nMeasure and it settles.",
                     "keyTakeaways": ["Qubits hold amplitudes", "Measurement settles the state", "Hype outruns hardware"],
                     "quiz": [
                       {"question": "What does measurement do?", "options": ["Nothing", "Settles the state", "Copies it", "Deletes it"], "correctOption": 1, "explanation": "Measurement yields one outcome."},
                       {"question": "A qubit is...", "options": ["a bit", "a byte", "a quantum bit", "a gate"], "correctOption": 2, "explanation": "Quantum bit."},
                       {"question": "Superposition means...", "options": ["both until measured", "always 0", "always 1", "broken"], "correctOption": 0, "explanation": "Both until measured."}]}
                    """;
            case "PicturePlan" -> request.prompt().contains("Superposition")
                    ? """
                      {"visualConcept": "Schrödinger's cat in a box",
                       "caption": "The cat that is both asleep and awake stands for superposition: one qubit, two possibilities, until you look.",
                       "altText": "A cat half inside a closed cardboard box, drawn half asleep and half awake, illustrating superposition.",
                       "imagePrompt": "A cat in a half-open cardboard box, drawn as both asleep and awake, flat illustration"}
                      """
                    : """
                      {"visualConcept": "Two dice that always match",
                       "caption": "Dice that always land on the same face stand for linked qubit outcomes.",
                       "altText": "Two dice far apart showing the same face, illustrating correlated outcomes.",
                       "imagePrompt": "Two dice on distant tables showing the same face, flat illustration"}
                      """;
            default -> throw new IllegalArgumentException("Unexpected schema " + request.schemaName());
        };
    }
}
