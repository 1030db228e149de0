package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coursegen.local.LocalPlatform;
import io.coursegen.local.PlatformSettings;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.TestImages;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's built-in ops view in a real browser (Debian's headless chromium through its chromedriver) after a
 * few courses ran on the openai provider against a local model server: every figure the page shows must be what
 * the services' own {@code /actuator/prometheus} say, computed here independently of the gateway. Leaves
 * {@code target/ops.png} to look at. Skipped where no chromium or chromedriver is installed.
 */
class OpsViewEndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT = Path.of("target", "ops.png");
    private static final String API_KEY = "ops-key-0123456789abcdefghij";
    private static final String OPENAI_KEY = "sk-ops";
    private static final String CHAT_MODEL = "ops-chat";
    private static final String IMAGE_MODEL = "ops-image";
    private static final int COURSES = 3;
    /** Per course of one lesson: outline, lesson, and a plan plus a picture for the cover and the lesson. */
    private static final int CALLS_PER_COURSE = 1 + 1 + 2 * 2;
    private static final List<String> SERVICES = List.of("gateway-service", "outline-service", "content-service",
            "image-service", "storage-service");
    private static final Pattern DURATION = Pattern.compile("([0-9.]+) (ms|s|min)");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static FakeOpenAiServer openAi;
    private static LocalPlatform platform;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
        openAi = new FakeOpenAiServer(OPENAI_KEY, FaultToleranceAnswers::answer, TestImages.png(64, 64));
        int[] ports = freePorts(5);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("coursegen.llm.provider", "openai");
        properties.put("coursegen.llm.api-key", OPENAI_KEY);
        properties.put("coursegen.llm.base-url", openAi.baseUrl());
        properties.put("coursegen.llm.chat-model", CHAT_MODEL);
        properties.put("coursegen.llm.image-model", IMAGE_MODEL);
        properties.put("coursegen.kafka.partitions", "2");
        properties.put("coursegen.pricing.models." + CHAT_MODEL + ".prompt-per-million", "2.5");
        properties.put("coursegen.pricing.models." + CHAT_MODEL + ".completion-per-million", "10");
        properties.put("coursegen.pricing.models." + IMAGE_MODEL + ".per-image", "0.04");
        properties.put("coursegen.metrics.in-flight-refresh", "1s");
        // the local platform points the ops view at the ports it starts the services on
        PlatformSettings ephemeral = PlatformSettings.ephemeral("acme=" + API_KEY, properties);
        platform = LocalPlatform.start(new PlatformSettings(ephemeral.infra(), ports[0], ports[1], ports[2], ports[3],
                ports[4], ephemeral.apiKeys(), ephemeral.extraProperties()));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
        if (openAi != null) {
            openAi.close();
        }
    }

    @Test
    void afterAFewCoursesThePageShowsWhatTheServicesMetricsSay() throws Exception {
        runCourses();
        browser = chromium();
        browser.get(platform.gatewayUrl() + "/ops");
        try {
            assertThat(browser.getTitle()).isEqualTo("Coursegen ops");

            // the page refreshes every few seconds and a metric may move between its read and ours: compare until equal
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<String, List<Sample>> scraped = scrapeAll();
                Map<String, String> shown = figuresShown();
                assertCourses(shown, scraped);
                assertLatencies(shown, scraped);
                assertModelCallsAndSpend(shown, scraped);
                assertConsumerLag(shown, scraped);
                assertEveryServiceShownUp();
            });

            assertThat(browser.findElement(By.id("last-updated")).getText()).matches("\\d{2}:\\d{2}:\\d{2}");
            // every course finished before the page's first reading: once it has two, no counter moved between them
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> browser.findElement(By.id("rate-window")).getText().startsWith("(over the last"));
            Map<String, String> shown = figuresShown();
            assertThat(List.of(shown.get("courses.requestedPerMinute"), shown.get("courses.completedPerMinute"),
                    shown.get("courses.failedPerMinute"))).containsOnly("0.00 /min");
        } finally {
            keepScreenshotAndExpositions();
        }
    }

    /** The page as it was and what the services exported then, to look at (and to read when a comparison failed). */
    private static void keepScreenshotAndExpositions() throws Exception {
        Files.createDirectories(SCREENSHOT.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        Path directory = SCREENSHOT.resolveSibling("ops-metrics");
        Files.createDirectories(directory);
        HttpClient http = HttpClient.newHttpClient();
        for (String service : SERVICES) {
            Files.writeString(directory.resolve(service + ".prom"), http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + platform.port(service) + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
    }

    private static void runCourses() {
        WebClient gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", API_KEY).build();
        List<String> courseIds = new ArrayList<>();
        for (int i = 1; i <= COURSES; i++) {
            courseIds.add(gateway.post().uri("/api/v1/courses").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("topic", "Operating a pipeline, part " + i, "lessonCount", 1))
                    .retrieve().bodyToMono(JsonNode.class).block(WAIT).path("courseId").asString());
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> courseIds.stream()
                .allMatch(id -> "COMPLETED".equals(gateway.get().uri("/api/v1/courses/{id}", id).retrieve()
                        .bodyToMono(JsonNode.class).block(WAIT).path("status").asString())));
    }

    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        // the system's browser and driver: nothing is looked up or downloaded
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1900", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void assertCourses(Map<String, String> shown, Map<String, List<Sample>> scraped) {
        assertThat(sum(scraped, "coursegen_courses_requested_total")).as("courses requested").isEqualTo(COURSES);
        assertThat(sum(scraped, "coursegen_courses_completed_total")).as("courses completed").isEqualTo(COURSES);
        for (String figure : List.of("requested", "completed", "failed", "cancelled")) {
            assertThat(count(shown, "courses." + figure)).as(figure)
                    .isEqualTo(Math.round(sum(scraped, "coursegen_courses_" + figure + "_total")));
        }
        assertThat(count(shown, "courses.inFlight")).isEqualTo(Math.round(max(scraped, "coursegen_courses_in_flight")));
        assertThat(count(shown, "picturesGenerated")).isEqualTo(Math.round(sum(scraped, "coursegen_pictures_generated_total")))
                .isEqualTo(COURSES * 2L);
    }

    /** Counts and means exactly; each percentile inside the bucket its rank falls in. */
    private static void assertLatencies(Map<String, String> shown, Map<String, List<Sample>> scraped) {
        Map<String, List<Sample>> stages = new TreeMap<>();
        samples(scraped, "coursegen_stage_duration_seconds_bucket")
                .forEach(sample -> stages.computeIfAbsent(sample.labels().get("stage"), stage -> new ArrayList<>()).add(sample));
        assertThat(stages.keySet()).contains("outline", "lesson", "picture", "assembly");
        Map<String, List<Sample>> series = new LinkedHashMap<>(stages);
        series.put("course", samples(scraped, "coursegen_course_duration_seconds_bucket").stream()
                .filter(sample -> "completed".equals(sample.labels().get("outcome"))).toList());
        assertThat(shown.keySet().stream().filter(key -> key.startsWith("latency.") && key.endsWith(".count"))
                .map(key -> key.substring("latency.".length(), key.length() - ".count".length())).toList())
                .as("one row per stage the metrics name, and the course").containsExactlyInAnyOrderElementsOf(series.keySet());
        series.forEach((name, buckets) -> {
            String metric = name.equals("course") ? "coursegen_course_duration_seconds" : "coursegen_stage_duration_seconds";
            Map<String, String> labels = name.equals("course") ? Map.of("outcome", "completed") : Map.of("stage", name);
            double count = sum(scraped, metric + "_count", labels);
            double total = sum(scraped, metric + "_sum", labels);
            assertThat(count(shown, "latency." + name + ".count")).as(name + " count").isEqualTo(Math.round(count)).isPositive();
            assertSeconds(shown.get("latency." + name + ".mean"), total / count, name + " mean");
            for (double q : new double[] {0.5, 0.95}) {
                double[] bucket = bucketOfRank(buckets, q);
                String figure = "latency." + name + (q == 0.5 ? ".p50" : ".p95");
                double value = seconds(shown.get(figure));
                assertThat(value).as("%s %s within bucket (%s, %s]", figure, shown.get(figure), bucket[0], bucket[1])
                        .isBetween(bucket[0] - tolerance(shown.get(figure)), bucket[1] + tolerance(shown.get(figure)));
            }
        });
    }

    private static void assertModelCallsAndSpend(Map<String, String> shown, Map<String, List<Sample>> scraped) {
        assertThat(sum(scraped, "coursegen_llm_calls_total")).isEqualTo(COURSES * CALLS_PER_COURSE);
        assertThat(count(shown, "llm.calls")).isEqualTo(Math.round(sum(scraped, "coursegen_llm_calls_total")));
        Map<String, Double> calls = new TreeMap<>();
        samples(scraped, "coursegen_llm_calls_total").forEach(sample -> calls.merge("llm.calls." + sample.labels().get("model")
                + "." + sample.labels().get("type") + "." + sample.labels().get("outcome"), sample.value(), Double::sum));
        assertThat(calls).containsKeys("llm.calls." + CHAT_MODEL + ".chat.success", "llm.calls." + IMAGE_MODEL + ".image.success");
        assertShownExactly(shown, "llm.calls.", calls);
        Map<String, Double> tokens = new TreeMap<>();
        samples(scraped, "coursegen_llm_tokens_total").forEach(sample -> tokens.merge("llm.tokens." + sample.labels().get("model")
                + "." + sample.labels().get("kind"), sample.value(), Double::sum));
        assertShownExactly(shown, "llm.tokens.", tokens);

        double spend = sum(scraped, "coursegen_llm_cost_usd_total");
        assertThat(spend).as("priced: tokens of %s and pictures of %s", CHAT_MODEL, IMAGE_MODEL).isGreaterThan(COURSES * 2 * 0.04);
        assertThat(usd(shown.get("llm.spendUsd"))).isCloseTo(spend, within(spend < 1 ? 0.00005 : 0.005));
        samples(scraped, "coursegen_llm_cost_usd_total").forEach(sample -> {
            String figure = "llm.spend." + sample.labels().get("model");
            assertThat(usd(shown.get(figure))).as(figure).isCloseTo(sample.value(), within(0.005));
        });
    }

    /**
     * Per service: the summed lag of its partitions (each counted once, though Kafka reports it under the topic's
     * name and under its legacy form with underscores) and the largest partition lag.
     */
    private static void assertConsumerLag(Map<String, String> shown, Map<String, List<Sample>> scraped) {
        for (String service : SERVICES) {
            Map<String, Double> partitions = new HashMap<>();
            double maxLag = 0;
            for (Sample sample : scraped.get(service)) {
                if (Double.isNaN(sample.value())) {
                    continue;
                }
                if (sample.name().equals("kafka_consumer_fetch_manager_records_lag")) {
                    partitions.put(sample.labels().get("client_id") + "/" + sample.labels().get("topic").replace('.', '_')
                            + "/" + sample.labels().get("partition"), sample.value());
                } else if (sample.name().equals("kafka_consumer_fetch_manager_records_lag_max")) {
                    maxLag = Math.max(maxLag, sample.value());
                }
            }
            List<String> maxShown = shown.keySet().stream()
                    .filter(key -> key.startsWith("lag." + service + ".") && key.endsWith(".max")).toList();
            assertThat(maxShown).as("consumer groups of " + service).isNotEmpty();
            assertThat(maxShown.stream().map(shown::get).mapToLong(OpsViewEndToEndTest::countOrZero).max().orElseThrow())
                    .as(service + " max lag").isEqualTo(Math.round(maxLag));
            long lagShown = shown.keySet().stream().filter(key -> key.startsWith("lag." + service + ".") && key.endsWith(".lag"))
                    .map(shown::get).mapToLong(OpsViewEndToEndTest::countOrZero).sum();
            assertThat(lagShown).as(service + " lag").isEqualTo(Math.round(partitions.values().stream().mapToDouble(Double::doubleValue).sum()));
        }
    }

    private static void assertEveryServiceShownUp() {
        List<String> up = browser.findElements(By.cssSelector("#services li.up")).stream()
                .map(item -> item.getAttribute("data-service")).toList();
        assertThat(up).containsExactlyElementsOf(SERVICES);
    }

    private static void assertShownExactly(Map<String, String> shown, String prefix, Map<String, Double> expected) {
        Map<String, Long> onPage = new TreeMap<>();
        shown.forEach((key, text) -> {
            if (key.startsWith(prefix)) {
                onPage.put(key, count(shown, key));
            }
        });
        Map<String, Long> rounded = new TreeMap<>();
        expected.forEach((key, value) -> rounded.put(key, Math.round(value)));
        assertThat(onPage).isEqualTo(rounded);
    }

    /** The {@code data-figure} elements of the page and the text each shows. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> figuresShown() {
        List<List<String>> pairs = (List<List<String>>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('[data-figure]'))"
                        + ".map(e => [e.getAttribute('data-figure'), e.textContent]);");
        Map<String, String> figures = new TreeMap<>();
        pairs.forEach(pair -> figures.put(pair.get(0), pair.get(1)));
        return figures;
    }

    private static long count(Map<String, String> shown, String figure) {
        String text = shown.get(figure);
        assertThat(text).as(figure).isNotNull().matches("[0-9,]+");
        return Long.parseLong(text.replace(",", ""));
    }

    /** A count, or 0 for a figure shown as unknown (a dash). */
    private static long countOrZero(String text) {
        if ("\u2014".equals(text)) {
            return 0;
        }
        assertThat(text).matches("[0-9,]+");
        return Long.parseLong(text.replace(",", ""));
    }

    private static double seconds(String text) {
        Matcher matcher = DURATION.matcher(text == null ? "" : text);
        assertThat(matcher.matches()).as("a duration: %s", text).isTrue();
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> value / 1000;
            case "min" -> value * 60;
            default -> value;
        };
    }

    /** Half the last shown digit: what rounding for the page may have moved the figure by. */
    private static double tolerance(String text) {
        Matcher matcher = DURATION.matcher(text);
        assertThat(matcher.matches()).isTrue();
        String number = matcher.group(1);
        int decimals = number.contains(".") ? number.length() - number.indexOf('.') - 1 : 0;
        double unit = switch (matcher.group(2)) {
            case "ms" -> 0.001;
            case "min" -> 60;
            default -> 1;
        };
        return 0.5 * Math.pow(10, -decimals) * unit + 1e-9;
    }

    private static void assertSeconds(String text, double expected, String what) {
        assertThat(seconds(text)).as("%s shown as %s", what, text).isCloseTo(expected, within(tolerance(text)));
    }

    private static double usd(String text) {
        assertThat(text).isNotNull().startsWith("$");
        return Double.parseDouble(text.substring(1).replace(",", ""));
    }

    /** The bounds of the cumulative bucket in which the q-th observation lies (the first bucket starts at 0). */
    private static double[] bucketOfRank(List<Sample> buckets, double q) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        buckets.forEach(sample -> cumulative.merge(bound(sample.labels().get("le")), sample.value(), Double::sum));
        double rank = q * cumulative.lastEntry().getValue();
        double lower = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                return new double[] {lower, bucket.getKey().isInfinite() ? lower : bucket.getKey()};
            }
            lower = bucket.getKey();
        }
        throw new AssertionError("no bucket holds rank " + rank);
    }

    private static double bound(String le) {
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static Map<String, List<Sample>> scrapeAll() throws Exception {
        Map<String, List<Sample>> scraped = new LinkedHashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        for (String service : SERVICES) {
            String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.port(service)
                    + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            scraped.put(service, Sample.parse(text));
        }
        return scraped;
    }

    private static List<Sample> samples(Map<String, List<Sample>> scraped, String metric) {
        return scraped.values().stream().flatMap(List::stream).filter(sample -> sample.name().equals(metric)).toList();
    }

    private static double sum(Map<String, List<Sample>> scraped, String metric) {
        return sum(scraped, metric, Map.of());
    }

    private static double sum(Map<String, List<Sample>> scraped, String metric, Map<String, String> labels) {
        return samples(scraped, metric).stream().filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    private static double max(Map<String, List<Sample>> scraped, String metric) {
        return samples(scraped, metric).stream().mapToDouble(Sample::value).max().orElseThrow();
    }

    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("No free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a probe socket that does not close only leaks until garbage collection
                }
            }
        }
    }

    /**
     * One sample line of an exposition, read with a regular expression: deliberately not the gateway's parser, so a
     * mistake there cannot hide behind the same mistake here. Enough for what the services print.
     */
    private record Sample(String name, Map<String, String> labels, double value) {

        private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        static List<Sample> parse(String exposition) {
            List<Sample> samples = new ArrayList<>();
            for (String line : exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList()) {
                Matcher matcher = LINE.matcher(line);
                assertThat(matcher.matches()).as("sample line: %s", line).isTrue();
                Map<String, String> labels = new TreeMap<>();
                if (matcher.group(2) != null) {
                    Matcher label = LABEL.matcher(matcher.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                    }
                }
                String value = matcher.group(3);
                samples.add(new Sample(matcher.group(1), labels, switch (value) {
                    case "+Inf" -> Double.POSITIVE_INFINITY;
                    case "-Inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(value);
                }));
            }
            return samples;
        }
    }
}
