package io.coursegen.bench;

import io.coursegen.contracts.Topics;
import io.coursegen.kafka.PartSpread;
import io.coursegen.local.LocalPlatform;
import io.coursegen.local.PlatformSettings;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Starts the local platform (real services, embedded Kafka, MongoDB-wire and S3 servers, offline provider with the
 * configured latencies), runs the phases one after another on it, prints the figures and writes them into
 * BENCHMARKS.md. Phase order matters: the intake phase leaves thousands of queued courses behind, so it runs last.
 */
public final class PlatformBenchmark {

    private static final String TENANT = "bench";
    /** The small tenant of the fairness figure. */
    private static final String OTHER_TENANT = "bench-small";
    private static final double RESIDENT_CEILING_MIB = 1536;
    private static final double INTAKE_P99_BOUND_MS = 50;
    private static final String BUILD = "./mvnw -B -ntp -DskipTests package -pl benchmarks -am";

    private final BenchmarkSettings settings;
    private final String[] args;
    private final ProcessResources resources = new ProcessResources();
    private final Report report = new Report();
    private final Machine machine = Machine.describe();
    private final ExecutorService workers = Executors.newCachedThreadPool(named("bench-worker"));
    private final ExecutorService httpCallbacks = Executors.newFixedThreadPool(2, named("bench-http"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("bench-timer"));
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(httpCallbacks)
            .build();
    private final long began = System.nanoTime();
    /** LLM calls counted per completed course, from the single-course runs or else the throughput run. */
    private final List<Double> economy = new ArrayList<>();
    private int economyLessons;
    /**
     * The scale-out phase's second content-service, stopped with the platform: closing a Spring Boot application
     * releases Reactor Netty's global resources, which the other services in this JVM still use.
     */
    private SecondContentService secondContent;
    /** What went wrong in the platform during the run (not: a figure missed its target). */
    private final List<String> problems = new ArrayList<>();

    private PlatformBenchmark(BenchmarkSettings settings, String[] args) {
        this.settings = settings;
        this.args = args;
    }

    /**
     * Exits 0 when every phase ran and every course completed, whether or not the figures meet their targets (a
     * benchmark reports, it does not judge); 1 when something broke, so a smoke run in CI notices when it rots.
     */
    public static void main(String[] args) throws Exception {
        // before anything logs: local-platform's jar brings a logback.xml of its own
        System.setProperty("logback.configurationFile", BenchmarkSettings.LOGGING_CONFIG);
        PlatformBenchmark benchmark = new PlatformBenchmark(BenchmarkSettings.parse(args), args);
        benchmark.run();
        benchmark.problems.forEach(problem -> System.out.println("PROBLEM: " + problem));
        // Kafka's and the servers' non-daemon threads must not keep a finished benchmark alive
        System.exit(benchmark.problems.isEmpty() ? 0 : 1);
    }

    private void run() throws Exception {
        Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        say("Coursegen platform benchmark on " + machine.text());
        say("Settings: " + settings.describe());
        String apiKey = "bench-" + UUID.randomUUID();
        String otherApiKey = "bench-small-" + UUID.randomUUID();
        long starting = System.nanoTime();
        LocalPlatform platform = LocalPlatform.start(PlatformSettings.ephemeral(
                TENANT + "=" + apiKey + "," + OTHER_TENANT + "=" + otherApiKey, settings.platformProperties()));
        double startup = secondsSince(starting);
        double idleResident = resources.residentMib();
        say(String.format(Locale.ROOT, "Platform up in %.1f s, resident %.0f MiB", startup, idleResident));
        report.figure(Figure.atMost("6a", "resident memory, idle after start", idleResident, RESIDENT_CEILING_MIB, "MiB",
                "ceiling 1.5 GiB", 1.0));

        ConfigurableApplicationContext bare = null;
        try {
            CourseClient courses = new CourseClient(http, platform.gatewayUrl(), apiKey);
            try (EventTimeline timeline = EventTimeline.start(platform.infrastructure().kafkaBootstrapServers())) {
                if (settings.runs("latency")) {
                    singleCourse(courses, timeline);
                }
                if (settings.runs("throughput")) {
                    throughput(courses, timeline);
                }
                if (settings.runs("fairness")) {
                    fairness(courses, new CourseClient(http, platform.gatewayUrl(), otherApiKey), timeline);
                }
                if (settings.runs("scaleout")) {
                    scaleOut(platform, courses, timeline);
                }
            }
            economyFigures();
            if (settings.runs("isolation") || settings.runs("intake")) {
                // closed only with the platform: closing a WebFlux server in this JVM disposes the Reactor Netty
                // resources the platform's servers share
                bare = BareEndpoint.start();
            }
            if (settings.runs("isolation")) {
                isolation(platform.gatewayUrl(), apiKey, otherApiKey, bare);
            }
            if (settings.runs("intake")) {
                intake(courses, bare, platform.infrastructure().kafkaBootstrapServers());
            }
            if (settings.runs("durability")) {
                durability();
            }
            header(date, startup);
            notes();
            String markdown = report.markdown();
            System.out.println();
            System.out.println(report.table());
            Path output = settings.output().toAbsolutePath();
            BenchmarksFile.write(output, markdown);
            say("Results written to " + output);
        } finally {
            stop(platform, bare);
        }
    }

    // ---- 2. one course, end to end ----

    private void singleCourse(CourseClient courses, EventTimeline timeline) throws Exception {
        int lessons = settings.singleCourseLessons();
        PipelineBound bound = settings.bound();
        double criticalPath = seconds(bound.criticalPath());
        double sequentialPath = seconds(bound.sequentialPath(lessons));
        List<Double> runs = new ArrayList<>();
        for (int run = 1; run <= settings.singleCourseRuns(); run++) {
            long submitted = System.nanoTime();
            String courseId = courses.submit("Benchmark single course " + run, lessons).get(30, TimeUnit.SECONDS);
            double accepted = secondsSince(submitted) * 1000;
            String status = withDeadline(() -> courses.followUntilFinal(courseId), settings.phaseDeadline(), "TIMEOUT");
            double took = secondsSince(submitted);
            timeline.awaitFinal(List.of(courseId), Duration.ofSeconds(10));
            CourseTimes times = CourseTimes.of(timeline.events(courseId));
            say(String.format(Locale.ROOT, "Single course %d: %s after %.2f s", run, status, took));
            if (!"COMPLETED".equals(status)) {
                problems.add("single course " + run + " ended " + status);
                report.detail("2: run " + run + " ended " + status + " after " + Figure.number(took) + " s; left out of the median.");
                continue;
            }
            runs.add(took);
            economy.add((double) times.llmCalls());
            JsonNode course = courses.course(courseId);
            Map<String, Long> usage = courses.usage(course);
            report.detail(String.format(Locale.ROOT,
                    "2: run %d: %.2f s to COMPLETED on the progress stream (202 after %.0f ms). From the events' "
                            + "timestamps: outline published %.2f s after the request; last lesson %.2f s and last "
                            + "picture %.2f s after the outline; COMPLETED %.2f s after the last part; partition %d. "
                            + "The course's usage: %d LLM calls, %d prompt tokens, %d pictures.",
                    run, took, accepted, CourseTimes.seconds(times.requested(), times.outlined()),
                    CourseTimes.seconds(times.outlined(), times.lastLesson()),
                    CourseTimes.seconds(times.outlined(), times.lastPicture()),
                    CourseTimes.seconds(Math.max(times.lastLesson(), times.lastPicture()), times.completed()),
                    times.partition(), usage.get("llmCalls"), usage.get("promptTokens"), usage.get("images")));
        }
        double median = runs.isEmpty() ? Double.NaN
                : Percentiles.median(runs.stream().mapToDouble(Double::doubleValue).toArray());
        String label = "critical path outline + max(lesson, plan + picture)";
        report.figure(Figure.atMost("2a", "single course, " + lessons + " lessons, submit -> COMPLETED (median of "
                + runs.size() + ")", median, criticalPath, "s", label, 1.10));
        report.figure(Figure.atMost("2b", "platform overhead = measured - critical path", median - criticalPath,
                criticalPath, "s", label, 0.10));
        String sequentialLabel = "outline + max(" + lessons + " x lesson, " + (lessons + 1) + " x (plan + picture))";
        report.figure(Figure.atMost("2c", "the same course against its path when its lessons run one after another "
                + "and so do its pictures (one partition per course)", median, sequentialPath, "s", sequentialLabel, null));
        report.figure(Figure.atMost("2d", "overhead over that path = measured - sequential path", median - sequentialPath,
                sequentialPath, "s", sequentialLabel, null));
        report.detail("2: runs " + runs.stream().map(Figure::number).collect(Collectors.joining(" s, ")) + " s.");
    }

    // ---- 3. many courses at once ----

    private void throughput(CourseClient courses, EventTimeline timeline) throws Exception {
        int count = settings.throughputCourses();
        int lessons = settings.throughputLessons();
        ProcessResources.Snapshot before = resources.snapshot();
        double peakResident;
        long started = System.nanoTime();
        List<String> ids = new ArrayList<>();
        int rejected = 0;
        int finished;
        try (ProcessResources.AutoCloseableSampler resident = resources.sampleResident()) {
            List<CompletableFuture<String>> submissions = IntStream.rangeClosed(1, count)
                    .mapToObj(i -> courses.submit("Benchmark throughput course " + i, lessons)).toList();
            for (CompletableFuture<String> submission : submissions) {
                try {
                    ids.add(submission.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    rejected++;
                }
            }
            double submittedIn = secondsSince(started);
            say(String.format(Locale.ROOT, "Throughput: %d courses accepted in %.2f s, waiting for them", ids.size(), submittedIn));
            finished = timeline.awaitFinal(ids, settings.phaseDeadline());
            peakResident = resident.highestMib();
        }
        ProcessResources.Snapshot after = resources.snapshot();
        double cpu = before.cpuSecondsUntil(after);

        long lastFinal = started;
        int completed = 0;
        List<Double> courseSeconds = new ArrayList<>();
        Map<Integer, Integer> callCounts = new TreeMap<>();
        for (String id : ids) {
            Optional<EventTimeline.Event> last = timeline.finalStatus(id);
            CourseTimes times = CourseTimes.of(timeline.events(id));
            if (last.isPresent()) {
                lastFinal = Math.max(lastFinal, last.get().receivedNanos());
                courseSeconds.add((last.get().receivedNanos() - started) / 1e9);
                if (last.get().part().equals("COMPLETED")) {
                    completed++;
                    callCounts.merge(times.llmCalls(), 1, Integer::sum);
                }
            }
        }
        double makespan = finished == ids.size() ? (lastFinal - started) / 1e9 : secondsSince(started);
        double rate = completed * 60 / makespan;
        PipelineBound bound = settings.bound();
        int[] picturesByPartition = new int[settings.partitions()];
        for (String id : ids) {
            for (int ordinal = 0; ordinal <= lessons; ordinal++) {
                picturesByPartition[PartSpread.partition(id, ordinal, settings.partitions())]++;
            }
        }
        int busiest = Arrays.stream(picturesByPartition).max().orElse(0);
        Duration capacityMakespan = bound.batchMakespan(count, lessons);
        Duration batchMakespan = bound.batchMakespan(count, lessons, busiest);
        double boundMakespan = seconds(batchMakespan);
        double boundRate = PipelineBound.coursesPerMinute(count, batchMakespan);
        say(String.format(Locale.ROOT, "Throughput: %d of %d completed in %.1f s (%.1f courses/min)", completed, count,
                makespan, rate));
        if (completed < count) {
            problems.add("throughput: " + completed + " of " + count + " courses completed (" + rejected + " rejected)");
        }

        report.figure(Figure.atLeast("3", count + " courses x " + lessons + " lessons submitted at once", rate, boundRate,
                "courses/min", "what the latencies, the LLM capacity limits, the listener threads and the busiest picture partition allow", 0.90));
        report.figure(Figure.atMost("6b", "resident memory, highest during the throughput run", peakResident,
                RESIDENT_CEILING_MIB, "MiB", "ceiling 1.5 GiB", 1.0));
        double cpuPerCourse = cpu / Math.max(completed, 1);
        double availablePerCourse = machine.cores() * makespan / Math.max(completed, 1);
        report.figure(Figure.atMost("6c", "CPU per course in the throughput run (ratio = CPU busy)", cpuPerCourse,
                availablePerCourse, "CPU s", machine.cores() + " cores x run time / courses", null));

        Percentiles perCourse = Percentiles.of(courseSeconds.stream().mapToLong(s -> Math.round(s * 1000)).toArray());
        report.detail(String.format(Locale.ROOT,
                "3: %d submitted, %d rejected, %d completed, %d reached a final status before the %d s deadline; all "
                        + "completed in %.1f s. Bound: %.1f s for the batch, the longer of %.1f s (every service's calls "
                        + "in full rounds of its concurrency or capacity limit after the first outline) and %.1f s (the "
                        + "first outline, then the %d pictures pinned to the busiest of %d image.requested partitions "
                        + "one after another on its one thread; pictures per partition %s); at most %d courses "
                        + "admitted at once. Time to a final status per course: p50 %.1f s, p90 %.1f s, max %.1f s.",
                count, rejected, completed, finished, settings.phaseDeadline().toSeconds(), makespan, boundMakespan,
                seconds(capacityMakespan), seconds(settings.outlineLatency()
                        .plus(settings.planLatency().plus(settings.pictureLatency()).multipliedBy(busiest))),
                busiest, settings.partitions(), Arrays.toString(picturesByPartition), settings.maxInFlightPerTenant(),
                courseSeconds.isEmpty() ? Double.NaN : perCourse.percentile(50) / 1000.0,
                courseSeconds.isEmpty() ? Double.NaN : perCourse.percentile(90) / 1000.0,
                courseSeconds.isEmpty() ? Double.NaN : perCourse.max() / 1000.0));
        report.detail(String.format(Locale.ROOT, "3: CPU %.1f s in %.1f s (%.0f%% of %d cores): %s.", cpu, makespan,
                100 * cpu / (makespan * machine.cores()), machine.cores(), before.describeUntil(after)));
        report.detail("7: LLM calls per completed " + lessons + "-lesson course, counted from its events "
                + "(outline + lessons + 2 x pictures) -> number of courses: " + callCounts + "; the formula says "
                + PipelineBound.llmCallsPerCourse(lessons) + ".");
        if (economy.isEmpty()) {
            callCounts.forEach((calls, courseCount) -> IntStream.range(0, courseCount).forEach(i -> economy.add((double) calls)));
            economyLessons = lessons;
        }
    }

    // ---- 5. fairness ----

    /**
     * One course of a small tenant on the idle platform, then the same course submitted once a big tenant's burst
     * fills every admission place and queues behind them. The burst is cancelled afterwards, so later phases start
     * from an idle platform again.
     */
    private void fairness(CourseClient bigTenant, CourseClient smallTenant, EventTimeline timeline) throws Exception {
        int lessons = settings.fairnessLessons();
        int backlog = settings.fairnessBacklog();
        double idle = timeCourse(smallTenant, timeline, "Benchmark fairness, idle platform", lessons);
        say(String.format(Locale.ROOT, "Fairness: the small tenant's course alone took %.2f s", idle));

        List<String> burst = submitAll(bigTenant, backlog, "Benchmark fairness backlog", lessons);
        // the burst fills the places once its first courses are outlined
        awaitAnyOutlined(burst, timeline, settings.phaseDeadline());
        double loaded = timeCourse(smallTenant, timeline, "Benchmark fairness, behind a backlog", lessons);
        long burstDone = burst.stream().filter(id -> timeline.finalStatus(id).isPresent()).count();
        say(String.format(Locale.ROOT, "Fairness: behind %d queued courses it took %.2f s (%d of them finished meanwhile)",
                backlog, loaded, burstDone));

        for (String courseId : burst) {
            if (timeline.finalStatus(courseId).isEmpty()) {
                bigTenant.cancel(courseId);
            }
        }
        int cancelledOrDone = timeline.awaitFinal(burst, settings.phaseDeadline());
        if (cancelledOrDone < burst.size()) {
            problems.add("fairness: " + (burst.size() - cancelledOrDone) + " of the burst's courses never became final");
        }
        awaitPipelineIdle(timeline, burst);

        report.figure(Figure.atMost("5", "a small tenant's " + lessons + "-lesson course while another tenant has " + backlog
                + " queued", loaded, idle, "s", "the same course on the idle platform", 2.0));
        report.detail(String.format(Locale.ROOT, "5: the small tenant's course took %.2f s alone and %.2f s behind the "
                + "burst; %d of the burst's %d courses had finished by then (at most %d are admitted at once); the rest "
                + "were cancelled afterwards.", idle, loaded, burstDone, backlog, settings.maxInFlight()));
        report.detail("5: admission: at most " + settings.maxInFlight() + " courses generating, at most "
                + settings.maxInFlightPerTenant() + " of one tenant, so the small tenant's course is admitted at once and"
                + " then queues behind the burst's admitted parts in the partitions it lands on.");
    }

    private double timeCourse(CourseClient client, EventTimeline timeline, String topic, int lessons) throws Exception {
        long submitted = System.nanoTime();
        String courseId = client.submit(topic, lessons).get(30, TimeUnit.SECONDS);
        String status = withDeadline(() -> client.followUntilFinal(courseId), settings.phaseDeadline(), "TIMEOUT");
        double took = secondsSince(submitted);
        if (!"COMPLETED".equals(status)) {
            problems.add(topic + ": the course ended " + status);
        }
        timeline.awaitFinal(List.of(courseId), Duration.ofSeconds(10));
        return took;
    }

    private List<String> submitAll(CourseClient client, int count, String topic, int lessons) throws Exception {
        List<CompletableFuture<String>> submissions = IntStream.rangeClosed(1, count)
                .mapToObj(i -> client.submit(topic + " " + i, lessons)).toList();
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<String> submission : submissions) {
            ids.add(submission.get(60, TimeUnit.SECONDS));
        }
        return ids;
    }

    private void awaitAnyOutlined(List<String> courseIds, EventTimeline timeline, Duration deadline) throws Exception {
        long until = System.nanoTime() + deadline.toNanos();
        while (courseIds.stream().noneMatch(id -> timeline.events(id).stream()
                .anyMatch(event -> event.topic().equals(Topics.COURSE_OUTLINED)))) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("No course was outlined within " + deadline.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Waits until no event of these courses arrived for two seconds: their parts in flight were skipped or done. */
    private void awaitPipelineIdle(EventTimeline timeline, List<String> courseIds) throws Exception {
        long until = System.nanoTime() + settings.phaseDeadline().toNanos();
        while (System.nanoTime() < until) {
            long latest = courseIds.stream().flatMap(id -> timeline.events(id).stream())
                    .mapToLong(EventTimeline.Event::receivedNanos).max().orElse(0);
            if (System.nanoTime() - latest > TimeUnit.SECONDS.toNanos(2)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    // ---- 4. scale-out ----

    /** Lessons per second with the platform's one content-service, then with a second one in the same group. */
    private void scaleOut(LocalPlatform platform, CourseClient courses, EventTimeline timeline) throws Exception {
        double one = lessonRate(courses, timeline, "one content-service");
        secondContent = SecondContentService.start(platform, settings.contentConcurrency(), Duration.ofSeconds(60));
        double two = lessonRate(courses, timeline, "two content-services");
        report.figure(Figure.atLeast("4", "lesson throughput with two content-service instances in one consumer group",
                two, one, "lessons/s", "one instance, same run", 1.8));
        report.detail(String.format(Locale.ROOT, "4: %d courses x %d lessons at once, lessons generated per second from "
                        + "the first lesson to the last: %.2f with one content-service (%d listener threads), %.2f "
                        + "with two (%d each, %d partitions); a lesson call takes %d ms, so %d threads allow %.1f/s.",
                settings.scaleOutCourses(), settings.scaleOutLessons(), one, settings.contentConcurrency(), two,
                settings.contentConcurrency(), settings.partitions(), settings.lessonLatency().toMillis(),
                settings.contentConcurrency(), settings.contentConcurrency() * 1000.0 / settings.lessonLatency().toMillis()));
    }

    private double lessonRate(CourseClient courses, EventTimeline timeline, String label) throws Exception {
        List<String> ids = submitAll(courses, settings.scaleOutCourses(), "Benchmark scale-out, " + label,
                settings.scaleOutLessons());
        int finished = timeline.awaitFinal(ids, settings.phaseDeadline());
        if (finished < ids.size()) {
            problems.add("scale-out (" + label + "): " + (ids.size() - finished) + " courses did not finish");
        }
        long[] lessons = ids.stream().flatMap(id -> timeline.events(id).stream())
                .filter(event -> event.topic().equals(Topics.LESSON_GENERATED))
                .mapToLong(EventTimeline.Event::publishedAt).sorted().toArray();
        // between the first and the last lesson: the outlines before them are not content-service's work
        double seconds = lessons.length < 2 ? Double.NaN : (lessons[lessons.length - 1] - lessons[0]) / 1000.0;
        double rate = (lessons.length - 1) / seconds;
        say(String.format(Locale.ROOT, "Scale-out, %s: %d lessons in %.1f s = %.2f lessons/s", label, lessons.length,
                seconds, rate));
        return rate;
    }

    // ---- 7. economy ----

    private void economyFigures() {
        int lessons = economyLessons > 0 ? economyLessons : settings.singleCourseLessons();
        double calls = economy.isEmpty() ? Double.NaN
                : economy.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        report.figure(Figure.exactly("7a", "LLM calls per " + lessons + "-lesson course (openai-equivalent, from the "
                + "course's events)", calls, PipelineBound.llmCallsPerCourse(lessons), "calls",
                "1 + lessons + 2 x (lessons + 1)"));
        report.figure(Figure.atMost("7b", "prompt tokens per lesson (offline provider reports 0)", 0, Double.NaN,
                "tokens", "", null));
    }

    // ---- 9. one tenant over its limits, another's submissions meanwhile ----

    private void isolation(String gatewayUrl, String noisyKey, String quietKey, ConfigurableApplicationContext bare)
            throws Exception {
        // the noisy tenant gets small limits of its own, as an operator sets them; everyone else keeps the run's (none)
        HttpResponse<String> limited = http.send(TenantIsolation.limits(gatewayUrl, BenchmarkSettings.ADMIN_KEY, TENANT,
                "{\"submissionsPerMinute\": 60, \"submissionBurst\": 5}"), HttpResponse.BodyHandlers.ofString());
        if (limited.statusCode() != 200) {
            problems.add("isolation: setting the noisy tenant's limits answered " + limited.statusCode() + " " + limited.body());
            return;
        }
        String body = CourseClient.body("Benchmark isolation", 1);
        CourseClient quiet = new CourseClient(http, gatewayUrl, quietKey);
        CourseClient noisy = new CourseClient(http, gatewayUrl, noisyKey);
        TenantIsolation.Result result;
        try {
            result = new TenantIsolation(http, workers).measure(quiet.submitRequest(quiet.coursesUrl(), body),
                    noisy.submitRequest(noisy.coursesUrl(), body),
                    noisy.submitRequest(URI.create("http://127.0.0.1:" + BareEndpoint.port(bare) + "/api/v1/courses"), body),
                    settings.isolationQuietRate(),
                    settings.isolationNoisyRate(), settings.isolationWindow(), settings.isolationRounds());
        } finally {
            http.send(TenantIsolation.limits(gatewayUrl, BenchmarkSettings.ADMIN_KEY, TENANT, "{}"),
                    HttpResponse.BodyHandlers.discarding());
        }
        if (result.aloneNanos().length == 0 || result.besideNanos().length == 0
                || result.quietOutcomes().keySet().stream().anyMatch(outcome -> !outcome.equals("202"))) {
            problems.add("isolation: the quiet tenant was answered " + result.quietOutcomes());
            return;
        }
        long refused = result.noisyOutcomes().getOrDefault("429", 0L);
        say(String.format(Locale.ROOT, "Isolation: quiet p95 %.2f ms alone, %.2f ms beside a refused tenant (%d refusals), "
                + "%.2f ms beside the same load sent elsewhere", result.aloneP95Millis(), result.besideP95Millis(), refused,
                result.besideBareP95Millis()));
        report.figure(Figure.atMost("9a", "a tenant's p95 submission latency while another is refused (429) for its "
                        + "limits", result.besideP95Millis(), result.aloneP95Millis() * 1.10, "ms",
                "its p95 alone + 10 %", null));
        report.figure(Figure.atMost("9b", "the same, against the same load sent to a bare endpoint (what refusing costs "
                        + "beyond the load itself)", result.besideP95Millis(), result.besideBareP95Millis() * 1.10, "ms",
                "p95 beside the bare load + 10 %", null));
        report.detail(String.format(Locale.ROOT, "9: quiet tenant %d submissions/s open loop, %d rounds of %d s alone "
                        + "then %d s beside the noisy tenant submitting %d/s open loop (its own limit 60/min, burst 5). Quiet: "
                        + "%d accepted alone, p50 %.2f ms, p95 %.2f ms; %d accepted beside, p50 %.2f ms, p95 %.2f ms. "
                        + "Noisy answers: %s (%.0f refusals/s). Third window, the same noisy load sent to a bare WebFlux "
                        + "endpoint in the same JVM (the load generator's own share): %d accepted, p50 %.2f ms, p95 %.2f ms.",
                settings.isolationQuietRate(), settings.isolationRounds(), settings.isolationWindow().toSeconds(),
                settings.isolationWindow().toSeconds(), settings.isolationNoisyRate(), result.aloneNanos().length,
                Percentiles.of(result.aloneNanos()).percentile(50) / 1e6, result.aloneP95Millis(),
                result.besideNanos().length, Percentiles.of(result.besideNanos()).percentile(50) / 1e6,
                result.besideP95Millis(), result.noisyOutcomes(),
                refused / (double) (settings.isolationRounds() * settings.isolationWindow().toSeconds()),
                result.besideBareNanos().length, Percentiles.of(result.besideBareNanos()).percentile(50) / 1e6,
                result.besideBareP95Millis()));
    }

    // ---- 8. what the crash-safe local store costs ----

    private void durability() throws Exception {
        int clients = settings.storageConcurrency();
        Map<StoreDurability.Store, StoreDurability.Result> results = new EnumMap<>(StoreDurability.Store.class);
        // not reported: the first run pays for the JIT
        StoreDurability.measure(StoreDurability.Store.MEMORY, Math.max(1, settings.durabilityCourses() / 4), clients);
        for (StoreDurability.Store store : StoreDurability.Store.values()) {
            StoreDurability.Result result = StoreDurability.measure(store, settings.durabilityCourses(), clients);
            results.put(store, result);
            say(String.format(Locale.ROOT, "Store %s: %d writes in %.1f s, %.0f/s, p50 %.2f ms, p99 %.2f ms",
                    store.label, result.writes(), result.seconds(), result.perSecond(), result.p50Millis(), result.p99Millis()));
            report.detail(String.format(Locale.ROOT, "8: %s: %d writes (%d courses of 1 insert + 8 updates, %d clients) "
                            + "in %.1f s: %.0f writes/s, p50 %.2f ms, p99 %.2f ms.", store.label, result.writes(),
                    settings.durabilityCourses(), clients, result.seconds(), result.perSecond(), result.p50Millis(),
                    result.p99Millis()));
        }
        StoreDurability.Result timer = results.get(StoreDurability.Store.FILE_TIMER);
        StoreDurability.Result everyWrite = results.get(StoreDurability.Store.FILE_EVERY_WRITE);
        report.figure(Figure.atLeast("8a", "local store writes/s, committed per write (crash-safe)",
                everyWrite.perSecond(), timer.perSecond(), "/s", "H2's timer commits (not crash-safe)", null));
        report.figure(Figure.atMost("8b", "local store p99 write latency, committed per write", everyWrite.p99Millis(),
                timer.p99Millis(), "ms", "H2's timer commits", null));
    }

    // ---- 1. intake ----

    private void intake(CourseClient courses, ConfigurableApplicationContext bare, String bootstrapServers)
            throws Exception {
        String body = CourseClient.body("Benchmark intake", settings.intakeLessons());
        HttpRequest bareRequest = courses.submitRequest(
                URI.create("http://127.0.0.1:" + BareEndpoint.port(bare) + "/api/v1/courses"), body);
        HttpRequest gatewayRequest = courses.submitRequest(courses.coursesUrl(), body);
        Map<String, Long> offsetsBefore = pipelineOffsets(bootstrapServers);

        Window bareWindow = loadWindow(bareRequest);
        say(String.format(Locale.ROOT, "Intake, bare endpoint: %.0f req/s, p50 %.2f ms, p99 %.2f ms",
                bareWindow.result.perSecond(), bareWindow.result.percentileMillis(50), bareWindow.result.percentileMillis(99)));
        Window gatewayWindow = loadWindow(gatewayRequest);
        ClosedLoopLoad.Result gateway = gatewayWindow.result;
        say(String.format(Locale.ROOT, "Intake, gateway: %.0f req/s, p50 %.2f ms, p99 %.2f ms", gateway.perSecond(),
                gateway.percentileMillis(50), gateway.percentileMillis(99)));
        double residentAfter = resources.residentMib();
        for (Window window : List.of(bareWindow, gatewayWindow)) {
            if (window.result.failures() > 0 || window.result.latencies().length == 0) {
                problems.add("intake: " + window.result.latencies().length + " accepted, answers " + window.result.outcomes());
            }
        }

        report.figure(Figure.atLeast("1a", "intake POST /api/v1/courses, " + settings.intakeUsers() + " users, closed loop",
                gateway.perSecond(), bareWindow.result.perSecond(), "req/s", "bare WebFlux 202, same JVM", 0.40));
        report.figure(Figure.atMost("1b", "intake p50 latency", gateway.percentileMillis(50),
                bareWindow.result.percentileMillis(50), "ms", "bare endpoint's p50", null));
        report.figure(Figure.atMost("1c", "intake p99 latency", gateway.percentileMillis(99), INTAKE_P99_BOUND_MS, "ms",
                "target 50 ms", 1.0));
        report.figure(Figure.atMost("6d", "resident memory after the intake run", residentAfter, RESIDENT_CEILING_MIB,
                "MiB", "ceiling 1.5 GiB", 1.0));

        for (Window window : List.of(bareWindow, gatewayWindow)) {
            ClosedLoopLoad.Result result = window.result;
            report.detail(String.format(Locale.ROOT,
                    "1: %s: %d accepted in %d s = %.0f req/s; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms; "
                            + "answers %s; CPU %.1f s in the window (%.0f%% of %d cores, %.0f µs per accepted request): %s.",
                    window == bareWindow ? "bare endpoint" : "gateway", result.latencies().length,
                    result.window().toSeconds(), result.perSecond(), result.percentileMillis(50),
                    result.percentileMillis(90), result.percentileMillis(99), result.percentileMillis(100),
                    result.outcomes(), window.cpuSeconds, 100 * window.cpuSeconds / (result.window().toSeconds() * machine.cores()),
                    machine.cores(), window.cpuSeconds * 1e6 / Math.max(result.latencies().length, 1), window.cpuUse));
        }
        Map<String, Long> offsetsAfter = pipelineOffsets(bootstrapServers);
        double loadSeconds = seconds(settings.intakeWarmup().plus(settings.intakeDuration()));
        long admitted = grew(offsetsBefore, offsetsAfter, Topics.COURSE_ADMITTED);
        long statuses = grew(offsetsBefore, offsetsAfter, Topics.COURSE_STATUS);
        long outlines = grew(offsetsBefore, offsetsAfter, Topics.COURSE_OUTLINED);
        report.detail(String.format(Locale.ROOT,
                "1: what else ran: every accepted course is stored by storage-service and starts a pipeline (%d "
                        + "lesson(s) each). During the gateway's %.0f s of load (warm-up included) storage admitted %d "
                        + "courses (course.admitted, at most %d in flight), published %d course.status records (%.0f/s: "
                        + "each new course's QUEUED and OUTLINING, and one per outline, lesson and picture event it "
                        + "applied) and outline-service published %d outlines (%.1f/s; at most %d threads / %d ms = "
                        + "%.1f/s). Committed offsets say %d course.admitted records still to do for outline-service: "
                        + "the listeners commit after each poll's batch, so committed lag runs behind the work actually "
                        + "done. The waiting courses are left for the rest of the run, which is why this phase runs last.",
                settings.intakeLessons(), loadSeconds, admitted, settings.maxInFlight(), statuses, statuses / loadSeconds,
                outlines, outlines / loadSeconds, settings.outlineConcurrency(), settings.outlineLatency().toMillis(),
                settings.outlineConcurrency() * 1000.0 / settings.outlineLatency().toMillis(),
                offsetsAfter.get("outline-service")));
    }

    private static long grew(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.get(key) - before.get(key);
    }

    private record Window(ClosedLoopLoad.Result result, double cpuSeconds, String cpuUse) {
    }

    /** One closed-loop run, with the process's CPU time taken exactly over its measured window. */
    private Window loadWindow(HttpRequest request) throws Exception {
        Duration warmup = settings.intakeWarmup();
        Duration duration = settings.intakeDuration();
        ScheduledFuture<ProcessResources.Snapshot> start = timer.schedule(resources::snapshot, warmup.toMillis(),
                TimeUnit.MILLISECONDS);
        ScheduledFuture<ProcessResources.Snapshot> end = timer.schedule(resources::snapshot,
                warmup.plus(duration).toMillis(), TimeUnit.MILLISECONDS);
        ClosedLoopLoad.Result result = ClosedLoopLoad.run(http, workers, () -> request, settings.intakeUsers(), warmup,
                duration);
        ProcessResources.Snapshot first = start.get();
        ProcessResources.Snapshot last = end.get();
        return new Window(result, first.cpuSecondsUntil(last), first.describeUntil(last));
    }

    /**
     * Records published so far to course.admitted (storage-service's admissions), course.outlined (outline-service)
     * and course.status (storage-service), and the course.admitted records outline-service has not committed yet.
     */
    private static Map<String, Long> pipelineOffsets(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "bench-admin"))) {
            List<String> topics = List.of(Topics.COURSE_ADMITTED, Topics.COURSE_OUTLINED, Topics.COURSE_STATUS);
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, description) ->
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<String, Long> result = new LinkedHashMap<>();
            for (String topic : topics) {
                result.put(topic, ends.entrySet().stream().filter(end -> end.getKey().topic().equals(topic))
                        .mapToLong(end -> end.getValue().offset()).sum());
            }
            // outline-service reads what storage admitted
            for (Map.Entry<String, String> input : Map.of("outline-service", Topics.COURSE_ADMITTED).entrySet()) {
                String group = input.getKey();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                long lag = 0;
                for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                    if (end.getKey().topic().equals(input.getValue())) {
                        OffsetAndMetadata offset = committed.get(end.getKey());
                        lag += end.getValue().offset() - (offset == null ? 0 : offset.offset());
                    }
                }
                result.put(group, lag);
            }
            return result;
        }
    }

    // ---- the report around the figures ----

    private void header(Instant date, double startup) {
        String arguments = args.length == 0 ? "" : " " + String.join(" ", args);
        List<String> jvmFlags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        report.header("Command: `" + BUILD + " && java -jar benchmarks/target/benchmarks-exec.jar" + arguments + "`"
                + (jvmFlags.isEmpty() ? "" : " (JVM flags: `" + String.join(" ", jvmFlags) + "`)"));
        report.header("Date: " + date + "; the run took " + Figure.number(secondsSince(began)) + " s, of which "
                + Figure.number(startup) + " s starting the platform.");
        report.header("Machine: " + machine.text() + String.format(Locale.ROOT, "; JVM max heap %.1f GiB (default sizing)",
                Runtime.getRuntime().maxMemory() / 1024.0 / 1024 / 1024));
        report.header("Setup: the five services, embedded Kafka (KRaft), mongo-java-server (in memory) and S3Proxy in "
                + "one JVM, as `LocalPlatform` runs them; the offline provider; " + settings.describe()
                + "; everything on loopback. The load generator (`java.net.http.HttpClient`, HTTP/1.1) and the bare "
                + "endpoint run in the same JVM.");
        report.header("Sizes: single course " + settings.singleCourseLessons() + " lessons x "
                + settings.singleCourseRuns() + " runs; throughput " + settings.throughputCourses() + " courses x "
                + settings.throughputLessons() + " lessons; intake " + settings.intakeUsers() + " users, "
                + settings.intakeWarmup().toSeconds() + " s warm-up + " + settings.intakeDuration().toSeconds()
                + " s per endpoint, courses of " + settings.intakeLessons() + " lesson(s).");
    }

    private void notes() {
        report.notMeasured("7b prompt tokens per lesson: the offline provider reports 0 tokens and 0 LLM calls "
                + "(`usage` says so); real counts exist only with the openai provider, whose path is checked end to end "
                + "in `platform-tests/.../OpenAiCourseEndToEndTest` against the local OpenAI-protocol server.");
        report.noise("A shared " + machine.cores() + "-core machine: everything (broker, stores, five services, load "
                + "generator) competes for the same cores, other jobs on the host included. Between runs the latency and "
                + "throughput figures moved by about 10%, the intake figures by up to 1.8x; one run per figure except 2 "
                + "(median of " + settings.singleCourseRuns() + ").");
        report.noise("The JIT is still warming during the early phases; the intake phase has its own warm-up.");
        report.noise("The platform logs every accepted course at INFO (to benchmarks/target/benchmark-platform.log "
                + "here), as it does in production; that cost is part of the intake figures.");
    }

    // ---- plumbing ----

    private <T> T withDeadline(Callable<T> work, Duration deadline, T onTimeout) throws Exception {
        Future<T> future = workers.submit(work);
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return onTimeout;
        }
    }

    private void stop(LocalPlatform platform, ConfigurableApplicationContext bare) {
        say("Stopping");
        Future<?> stopping = workers.submit(() -> {
            if (bare != null) {
                bare.close();
            }
            if (secondContent != null) {
                secondContent.close();
            }
            platform.close();
        });
        try {
            long started = System.nanoTime();
            stopping.get(60, TimeUnit.SECONDS);
            say(String.format(Locale.ROOT, "Stopped in %.1f s", secondsSince(started)));
        } catch (Exception e) {
            say("The platform did not stop cleanly within 60 s: " + e);
        }
    }

    private void say(String line) {
        System.out.printf(Locale.ROOT, "[bench %6.1f s] %s%n", secondsSince(began), line);
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
