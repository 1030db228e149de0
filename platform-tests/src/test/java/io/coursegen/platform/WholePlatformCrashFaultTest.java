package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.testkit.FakeOpenAiServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a laptop crash does to the README's local platform: the jar a user runs ({@code local-platform-exec.jar}, one
 * JVM with Kafka, the MongoDB-wire server, the S3 server and all five services) is killed with SIGKILL while a batch
 * runs, then started again on the same data directory and ports. Every write acknowledged before the kill must be
 * there (the MongoDB-wire server used to keep the last second of writes in memory, and a course stayed GENERATING
 * for ever), every course must complete whole, and nothing may be made twice.
 */
class WholePlatformCrashFaultTest {

    private static final Path EXECUTABLE_JAR = Path.of("..", "local-platform", "target", "local-platform-exec.jar");
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final List<String> SERVICE_PORTS = List.of("SERVER_PORT", "COURSEGEN_OUTLINE_PORT",
            "COURSEGEN_CONTENT_PORT", "COURSEGEN_IMAGE_PORT", "COURSEGEN_STORAGE_PORT");
    /**
     * Records in hand at the kill, whose offsets were not committed: at most one per partition (2) of each consumed
     * model-calling topic, and a picture is two calls.
     */
    private static final int IN_FLIGHT_CALLS_AT_MOST = 2 * (1 + 1 + 2);

    @Test
    void everyCourseCompletesWholeAfterTheWholeLocalPlatformIsKilledAndRestartedOnItsData(@TempDir Path dataDir) {
        assertThat(EXECUTABLE_JAR).as("the local platform's jar; build it with ./mvnw package").exists();
        FakeOpenAiServer openAi = CourseBatch.modelServer();
        Map<String, String> environment = environment(dataDir, openAi);
        String gateway = "http://127.0.0.1:" + environment.get("SERVER_PORT");
        CourseBatch.Endpoints endpoints = new CourseBatch.Endpoints(gateway,
                "mongodb://127.0.0.1:" + environment.get("COURSEGEN_MONGO_PORT"),
                "127.0.0.1:" + environment.get("COURSEGEN_KAFKA_PORT"));

        Process first = start(environment, 1);
        Process second = null;
        try (CourseBatch batch = CourseBatch.against("the whole local platform killed (SIGKILL) mid-batch, restarted on its data",
                openAi, endpoints)) {
            batch.submit();
            batch.awaitMidFlight();

            first.destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> !first.isAlive());
            second = start(environment, 2);

            batch.assertEveryCourseCompletesWhole(IN_FLIGHT_CALLS_AT_MOST);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
            }
        }
    }

    /** The settings a user would give it in the environment, every port free on this machine and fixed across restarts. */
    private static Map<String, String> environment(Path dataDir, FakeOpenAiServer openAi) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("COURSEGEN_DATA_DIR", dataDir.toString());
        environment.put("COURSEGEN_API_KEYS", CourseBatch.API_KEYS);
        environment.put("COURSEGEN_LLM_PROVIDER", "openai");
        environment.put("OPENAI_API_KEY", CourseBatch.OPENAI_API_KEY);
        environment.put("OPENAI_BASE_URL", openAi.baseUrl());
        environment.put("COURSEGEN_LLM_RESILIENCE_INITIAL_BACKOFF", "50ms");
        environment.put("COURSEGEN_KAFKA_PARTITIONS", "2");
        for (String port : SERVICE_PORTS) {
            environment.put(port, String.valueOf(ServiceProcess.freePort()));
        }
        for (String port : List.of("COURSEGEN_KAFKA_PORT", "COURSEGEN_KAFKA_CONTROLLER_PORT", "COURSEGEN_MONGO_PORT",
                "COURSEGEN_S3_PORT")) {
            environment.put(port, String.valueOf(ServiceProcess.freePort()));
        }
        return environment;
    }

    /** {@code java -jar local-platform-exec.jar}, as the README says, until every service reports ready. */
    private static Process start(Map<String, String> environment, int run) {
        File log = new File("target", "local-platform-" + run + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:TieredStopAtLevel=1", "-jar", EXECUTABLE_JAR.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the local platform", e);
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String port : SERVICE_PORTS) {
            HttpRequest readiness = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + environment.get(port) + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build();
            await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .failFast("the local platform exited before it was ready, see " + log.getAbsolutePath(),
                            () -> !process.isAlive())
                    .until(() -> http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }
        return process;
    }
}
