package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.coursegen.contracts.Topics;
import io.coursegen.llm.SimulatedLatency;
import io.coursegen.local.LocalPlatform;
import io.coursegen.local.PlatformSettings;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.FakeOpenAiServer.Received;
import io.coursegen.testkit.TestImages;
import io.coursegen.testkit.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A batch of courses through the whole platform on the openai provider against a local model server that
 * takes a little while per answer, so a fault injected while the batch runs lands mid-flight. After the
 * fault it checks what a user would: every course final in time, completed ones whole with every picture
 * downloadable, no part made or kept twice ({@link Duplicates}), and the model calls beyond the ones the batch needs.
 * Each scenario prints one line starting with {@value #ROW_PREFIX} for RELIABILITY.md.
 */
final class CourseBatch implements AutoCloseable {

    static final String ROW_PREFIX = "RELIABILITY-ROW";
    static final int COURSES = 20;
    static final Duration OUTAGE = Duration.ofSeconds(10);

    private static final String API_KEY = "batch-key-0123456789abcdefgh";
    static final String API_KEYS = "acme=" + API_KEY;
    static final String OPENAI_API_KEY = "sk-batch";
    /** The platform's Kafka record secret, so a scenario can sign a record as the service that owns its topic. */
    static final String RECORD_SECRET = "batch-kafka-record-secret-0123456789abcdef";
    private static final Duration MODEL_LATENCY = Duration.ofMillis(150);
    private static final Duration FINAL_BOUND = Duration.ofSeconds(120);

    private final String scenario;
    private final FakeOpenAiServer openAi;
    /** null when the platform runs in a process of its own */
    private final LocalPlatform platform;
    private final Endpoints endpoints;
    private final WebClient gateway;
    private final Map<String, Integer> lessonsByCourse = new LinkedHashMap<>();
    private long submittedAt;

    /** Where a running platform is reached, the way any client reaches it. */
    record Endpoints(String gatewayUrl, String mongoUri, String kafkaBootstrapServers) {
    }

    private CourseBatch(String scenario, Map<String, String> extraProperties, List<String> notStarted) {
        this.scenario = scenario;
        this.openAi = modelServer();
        Map<String, String> properties = new HashMap<>(Map.of(
                "coursegen.llm.provider", "openai",
                "coursegen.llm.api-key", OPENAI_API_KEY,
                "coursegen.llm.base-url", openAi.baseUrl(),
                "coursegen.llm.resilience.initial-backoff", "50ms",
                "coursegen.kafka.partitions", "2",
                PlatformSettings.KAFKA_RECORD_SECRET_PROPERTY, RECORD_SECRET));
        properties.putAll(extraProperties);
        PlatformSettings settings = PlatformSettings.ephemeral(API_KEYS, properties);
        for (String service : notStarted) {
            settings = settings.without(service);
        }
        if (notStarted.contains("storage-service")) {
            // the gateway is told where storage-service listens when it starts, before the scenario runs storage
            settings = new PlatformSettings(settings.infra(), settings.gatewayPort(), settings.outlinePort(),
                    settings.contentPort(), settings.imagePort(), ServiceProcess.freePort(), settings.apiKeys(),
                    settings.extraProperties(), settings.skippedServices());
        }
        try {
            this.platform = LocalPlatform.start(settings);
        } catch (RuntimeException e) {
            openAi.close();
            throw e;
        }
        this.endpoints = new Endpoints(platform.gatewayUrl(), platform.infrastructure().mongoUri(),
                platform.infrastructure().kafkaBootstrapServers());
        this.gateway = WebClient.builder().baseUrl(endpoints.gatewayUrl()).defaultHeader("X-API-Key", API_KEY).build();
    }

    private CourseBatch(String scenario, FakeOpenAiServer openAi, Endpoints endpoints) {
        this.scenario = scenario;
        this.openAi = openAi;
        this.platform = null;
        this.endpoints = endpoints;
        this.gateway = WebClient.builder().baseUrl(endpoints.gatewayUrl()).defaultHeader("X-API-Key", API_KEY).build();
    }

    /**
     * A batch against a platform that runs elsewhere (its gateway knows {@link #API_KEYS}, its generating services
     * call {@code openAi} with {@link #OPENAI_API_KEY}); closing the batch closes {@code openAi}, not the platform.
     */
    static CourseBatch against(String scenario, FakeOpenAiServer openAi, Endpoints endpoints) {
        return new CourseBatch(scenario, openAi, endpoints);
    }

    /** The local model server every batch's platform calls: each answer takes a little while. */
    static FakeOpenAiServer modelServer() {
        return new FakeOpenAiServer(OPENAI_API_KEY, CourseBatch::answer, TestImages.png(64, 64));
    }

    static CourseBatch start(String scenario) {
        return start(scenario, Map.of());
    }

    static CourseBatch start(String scenario, Map<String, String> extraProperties) {
        return new CourseBatch(scenario, extraProperties, List.of());
    }

    /** A batch whose platform leaves out {@code service}; the scenario runs it itself. */
    static CourseBatch startWithout(String service, String scenario) {
        return new CourseBatch(scenario, Map.of(), List.of(service));
    }

    LocalPlatform platform() {
        if (platform == null) {
            throw new IllegalStateException("This batch's platform runs in a process of its own");
        }
        return platform;
    }

    FakeOpenAiServer openAi() {
        return openAi;
    }

    /** Submits the batch: courses of one and two lessons, alternately. */
    List<String> submit() {
        submittedAt = System.nanoTime();
        List<Map.Entry<String, Integer>> accepted = Flux.range(1, COURSES)
                .flatMap(i -> {
                    int lessons = 1 + i % 2;
                    return gateway.post().uri("/api/v1/courses").contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("topic", scenario + " course " + i, "lessonCount", lessons))
                            .retrieve().bodyToMono(JsonNode.class)
                            .map(body -> Map.entry(body.path("courseId").asString(), lessons));
                }, 4)
                .collectList().block(Duration.ofSeconds(60));
        accepted.forEach(entry -> lessonsByCourse.put(entry.getKey(), entry.getValue()));
        return List.copyOf(lessonsByCourse.keySet());
    }

    /** Waits until the model has answered a fifth of the calls the batch needs: the batch is running. */
    void awaitMidFlight() {
        int needed = expectedCalls();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> openAi.received().size() >= needed / 5);
        reportMidFlight();
    }

    /**
     * Waits until the model has answered a fifth of the calls of one kind (a structured-output schema name) that
     * the batch needs: the service making them is busy with the batch.
     */
    void awaitMidFlight(String schemaName) {
        int courses = lessonsByCourse.size();
        int lessons = lessonsByCourse.values().stream().mapToInt(Integer::intValue).sum();
        int needed = switch (schemaName) {
            case "GeneratedOutline" -> courses;
            case "GeneratedLesson" -> lessons;
            case "PicturePlan" -> lessons + courses;
            default -> throw new IllegalArgumentException("No calls named " + schemaName);
        };
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> openAi.received().stream().filter(call -> schemaName.equals(call.schemaName())).count()
                        >= needed / 5);
        reportMidFlight();
    }

    private void reportMidFlight() {
        int needed = expectedCalls();
        int finalCourses = statuses().values().stream().filter(CourseBatch::isFinal).mapToInt(s -> 1).sum();
        System.out.printf("[%s] fault injected after %d of %d model calls, %d of %d courses final%n",
                scenario, openAi.received().size(), needed, finalCourses, COURSES);
        assertThat(finalCourses).as("the fault must hit the batch mid-flight").isLessThan(COURSES);
    }

    /**
     * Lets an outage of {@code component} last its time while asking {@code service}'s readiness about it, and fails
     * unless the service reported the component DOWN: an outage nobody met (injected too early, too late, or not at
     * all) proves nothing. (That the batch was mid-flight when it began was checked by {@link #awaitMidFlight()}.)
     */
    void holdOutageSeenBy(String service, String component, Duration outage) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + platform().port(service) + "/actuator/health/readiness"))
                // longer than any health check's own timeout, so a probe gets the check's verdict
                .timeout(Duration.ofSeconds(10)).build();
        long until = System.nanoTime() + outage.toNanos();
        int probes = 0;
        int down = 0;
        while (System.nanoTime() < until) {
            probes++;
            try {
                HttpResponse<String> answer = http.send(readiness, HttpResponse.BodyHandlers.ofString());
                String status = JsonMapper.builder().build().readTree(answer.body())
                        .path("components").path(component).path("status").asString("");
                if (answer.statusCode() == 503 && status.equals("DOWN")) {
                    down++;
                }
            } catch (Exception e) {
                // a probe that could not be asked is no evidence either way
            }
            SimulatedLatency.pause(Duration.ofMillis(500));
        }
        System.out.printf("[%s] %s's readiness reported %s DOWN in %d of %d probes during the outage%n",
                scenario, service, component, down, probes);
        assertThat(down).as("%s must have met the %s outage (readiness DOWN)", service, component).isPositive();
    }

    /**
     * Waits for every course to be final (reads fail while a dependency is down: they are retried), prints the
     * outcome row, then asserts that every course completed whole with nothing lost, doubled or called twice
     * beyond {@code allowedExtraCalls}.
     */
    void assertEveryCourseCompletesWhole(int allowedExtraCalls) {
        Map<String, String> statuses = new LinkedHashMap<>();
        try {
            await().atMost(FINAL_BOUND).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                statuses.clear();
                statuses.putAll(statuses());
                return statuses.size() == COURSES && statuses.values().stream().allMatch(CourseBatch::isFinal);
            });
        } catch (ConditionTimeoutException e) {
            System.out.printf("[%s] not final after %s: %s%n", scenario, FINAL_BOUND, statuses);
        }
        double seconds = (System.nanoTime() - submittedAt) / 1e9;

        List<String> problems = new ArrayList<>();
        Map<String, Integer> failedReasons = new LinkedHashMap<>();
        int completed = 0;
        int lost = 0;
        int duplicated = 0;
        for (Map.Entry<String, Integer> entry : lessonsByCourse.entrySet()) {
            String id = entry.getKey();
            JsonNode course = gateway.get().uri("/api/v1/courses/{id}", id).retrieve().bodyToMono(JsonNode.class)
                    .block(Duration.ofSeconds(20));
            String status = course.path("status").asString();
            if (status.equals("COMPLETED")) {
                completed++;
                List<String> holes = holes(course, entry.getValue());
                lost += holes.size();
                holes.forEach(hole -> problems.add(id + ": " + hole));
            } else if (status.equals("FAILED")) {
                List<String> reasons = course.path("failures").valueStream()
                        .map(failure -> failure.path("reason").asString()).distinct().toList();
                failedReasons.merge(reasons.isEmpty() ? course.path("error").asString("") : String.join("; ", reasons),
                        1, Integer::sum);
                problems.add(id + " FAILED: " + course.path("error").asString("") + " " + course.path("failures"));
            } else {
                lost++;
                problems.add(id + " stuck in " + status + " " + course.path("progress"));
            }
            List<String> doubles = duplicatesStored(id, entry.getValue());
            duplicated += doubles.size();
            doubles.forEach(doubled -> problems.add(id + ": " + doubled));
        }
        List<String> repeated = resultsRepeated();
        duplicated += repeated.size();
        problems.addAll(repeated);
        int extraCalls = openAi.received().size() - expectedCalls();
        System.out.printf("%s | %s | %d | %d | %s | %d | %d | %d | %.1f s%n", ROW_PREFIX, scenario, COURSES, completed,
                failedReasons.isEmpty() ? "0" : failedReasons.values().stream().mapToInt(Integer::intValue).sum() + " ("
                        + String.join("; ", failedReasons.keySet()) + ")", lost, duplicated, extraCalls, seconds);
        problems.forEach(problem -> System.out.printf("[%s] %s%n", scenario, problem));
        if (extraCalls > allowedExtraCalls) {
            // when each call arrived and what it asked for, to find where the unexpected calls come from
            openAi.answered().forEach(answered -> System.out.printf("[%s] call %s %s %s %d%n", scenario,
                    answered.request().at(), answered.request().path(), answered.request().schemaName(),
                    answered.status()));
        }

        assertThat(problems).as("courses that are not complete and whole").isEmpty();
        assertThat(completed).isEqualTo(COURSES);
        assertThat(extraCalls).as("model calls beyond the %d the batch needs", expectedCalls())
                .isBetween(0, allowedExtraCalls);
    }

    /** Outline, one lesson per lesson, and a plan and an image per picture (the cover included). */
    int expectedCalls() {
        return lessonsByCourse.values().stream().mapToInt(lessons -> 1 + lessons + 2 * (lessons + 1)).sum();
    }

    private Map<String, String> statuses() {
        JsonNode page = gateway.get().uri("/api/v1/courses?limit=100").retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(10));
        Map<String, String> statuses = new HashMap<>();
        page.path("items").forEach(item -> {
            String id = item.path("courseId").asString();
            if (lessonsByCourse.containsKey(id)) {
                statuses.put(id, item.path("status").asString());
            }
        });
        return statuses;
    }

    private static boolean isFinal(String status) {
        return Set.of("COMPLETED", "FAILED", "CANCELLED").contains(status);
    }

    /** What a completed course lacks: lessons, quizzes, pictures, or picture objects S3 does not serve. */
    private static List<String> holes(JsonNode course, int lessonCount) {
        List<String> holes = new ArrayList<>();
        JsonNode lessons = course.path("lessons");
        if (lessons.size() != lessonCount) {
            holes.add("has " + lessons.size() + " lessons instead of " + lessonCount);
        }
        Set<String> lessonIds = new HashSet<>();
        List<JsonNode> pictures = new ArrayList<>(List.of(course.path("cover")));
        for (JsonNode lesson : lessons) {
            String lessonId = lesson.path("lessonId").asString();
            if (!lessonIds.add(lessonId)) {
                holes.add(lessonId + " is listed twice");
            }
            if (lesson.path("markdown").asString("").isBlank()) {
                holes.add(lessonId + " has no text");
            }
            if (lesson.path("quiz").isEmpty()) {
                holes.add(lessonId + " has no quiz");
            }
            pictures.add(lesson.path("image"));
        }
        for (JsonNode picture : pictures) {
            String problem = downloadProblem(picture);
            if (problem != null) {
                holes.add(problem);
            }
        }
        if (!course.path("failures").isEmpty()) {
            holes.add("lists failures " + course.path("failures"));
        }
        return holes;
    }

    private static String downloadProblem(JsonNode picture) {
        String url = picture.path("url").asString("");
        if (!url.startsWith("http")) {
            return "a picture has no URL: " + picture;
        }
        try {
            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (download.statusCode() != 200 || download.body().length != picture.path("byteSize").asLong()) {
                return "picture " + picture.path("imageId").asString() + " answers " + download.statusCode()
                        + " with " + download.body().length + " bytes";
            }
            return null;
        } catch (Exception e) {
            return "picture " + picture.path("imageId").asString() + " cannot be downloaded: " + e;
        }
    }

    /** The parts a stored course holds more than once (see {@link Duplicates}). */
    private List<String> duplicatesStored(String courseId, int lessonCount) {
        try (MongoClient mongo = MongoClients.create(endpoints.mongoUri())) {
            Document stored = Mono.from(mongo.getDatabase("coursegen").getCollection("courses")
                    .find(new Document("_id", courseId)).first()).block(Duration.ofSeconds(10));
            return stored == null ? List.of() : Duplicates.inStoredCourse(stored, lessonCount);
        }
    }

    /** The batch's parts with more than one different result on the result topics (see {@link Duplicates}). */
    private List<String> resultsRepeated() {
        List<ConsumerRecord<String, String>> results = new ArrayList<>();
        for (String topic : List.of(Topics.LESSON_GENERATED, Topics.IMAGE_GENERATED)) {
            results.addAll(TopicReader.recordsSoFar(endpoints.kafkaBootstrapServers(), topic));
        }
        return Duplicates.inResults(results, JsonMapper.builder().build(), lessonsByCourse.keySet());
    }

    @Override
    public void close() {
        try {
            if (platform != null) {
                platform.close();
            }
        } finally {
            openAi.close();
        }
    }

    private static String answer(Received request) {
        SimulatedLatency.pause(MODEL_LATENCY);
        return FaultToleranceAnswers.answer(request);
    }
}
