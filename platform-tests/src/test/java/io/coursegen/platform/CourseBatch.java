package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.coursegen.llm.SimulatedLatency;
import io.coursegen.local.LocalPlatform;
import io.coursegen.local.PlatformSettings;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.FakeOpenAiServer.Received;
import io.coursegen.testkit.TestImages;
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
import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A batch of courses through the whole platform on the openai provider against a local model server that
 * takes a little while per answer, so a fault injected while the batch runs lands mid-flight. After the
 * fault it checks what a user would: every course final in time, completed ones whole with every picture
 * downloadable, nothing twice in the stored documents, and the model calls beyond the ones the batch needs.
 * Each scenario prints one line starting with {@value #ROW_PREFIX} for RELIABILITY.md.
 */
final class CourseBatch implements AutoCloseable {

    static final String ROW_PREFIX = "RELIABILITY-ROW";
    static final int COURSES = 20;
    static final Duration OUTAGE = Duration.ofSeconds(10);

    private static final String KEY = "batch-key";
    private static final String OPENAI_KEY = "sk-batch";
    private static final Duration MODEL_LATENCY = Duration.ofMillis(150);
    private static final Duration FINAL_BOUND = Duration.ofSeconds(120);

    private final String scenario;
    private final FakeOpenAiServer openAi;
    private final LocalPlatform platform;
    private final WebClient gateway;
    private final Map<String, Integer> lessonsByCourse = new LinkedHashMap<>();
    private long submittedAt;

    private CourseBatch(String scenario, Map<String, String> extraProperties, List<String> notStarted) {
        this.scenario = scenario;
        this.openAi = new FakeOpenAiServer(OPENAI_KEY, CourseBatch::answer, TestImages.png(64, 64));
        Map<String, String> properties = new HashMap<>(Map.of(
                "coursegen.llm.provider", "openai",
                "coursegen.llm.api-key", OPENAI_KEY,
                "coursegen.llm.base-url", openAi.baseUrl(),
                "coursegen.llm.resilience.initial-backoff", "50ms",
                "coursegen.kafka.partitions", "2"));
        properties.putAll(extraProperties);
        PlatformSettings settings = PlatformSettings.ephemeral("acme=" + KEY, properties);
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
        this.gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", KEY).build();
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

    /** Lets an outage last its time; nothing to poll meanwhile. */
    static void hold(Duration outage) {
        await().pollDelay(outage).atMost(outage.plusSeconds(5)).until(() -> true);
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
            int doubles = duplicatesStored(id, entry.getValue());
            duplicated += doubles;
            if (doubles > 0) {
                problems.add(id + ": " + doubles + " duplicate lessons or pictures stored");
            }
        }
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

    /** Entries in the stored document beyond one per lesson and one per picture. */
    private int duplicatesStored(String courseId, int lessonCount) {
        try (MongoClient mongo = MongoClients.create(platform.infrastructure().mongoUri())) {
            Document stored = Mono.from(mongo.getDatabase("coursegen").getCollection("courses")
                    .find(new Document("_id", courseId)).first()).block(Duration.ofSeconds(10));
            if (stored == null) {
                return 0;
            }
            return Math.max(0, size(stored.get("lessons")) - lessonCount)
                    + Math.max(0, size(stored.get("images")) - (lessonCount + 1));
        }
    }

    private static int size(Object entries) {
        if (entries instanceof Map<?, ?> map) {
            return map.size();
        }
        if (entries instanceof List<?> list) {
            return list.size();
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            platform.close();
        } finally {
            openAi.close();
        }
    }

    private static String answer(Received request) {
        SimulatedLatency.pause(MODEL_LATENCY);
        return FaultToleranceAnswers.answer(request);
    }
}
