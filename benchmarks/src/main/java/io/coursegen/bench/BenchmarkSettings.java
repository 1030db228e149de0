package io.coursegen.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;

/**
 * Everything a run can vary, from {@code --name=value} arguments; the defaults are the figures sized so the
 * whole run takes about four minutes on two cores.
 */
record BenchmarkSettings(
        Duration outlineLatency,
        Duration lessonLatency,
        Duration planLatency,
        Duration pictureLatency,
        int partitions,
        int outlineConcurrency,
        int contentConcurrency,
        int imageConcurrency,
        int storageConcurrency,
        int singleCourseLessons,
        int singleCourseRuns,
        int throughputCourses,
        int throughputLessons,
        int intakeUsers,
        int intakeLessons,
        Duration intakeWarmup,
        Duration intakeDuration,
        Duration phaseDeadline,
        int chatMaxConcurrent,
        int imageMaxConcurrent,
        int maxInFlight,
        int maxInFlightPerTenant,
        int fairnessBacklog,
        int fairnessLessons,
        int scaleOutCourses,
        int scaleOutLessons,
        int durabilityCourses,
        Duration isolationWindow,
        int isolationRounds,
        int isolationNoisyRate,
        int isolationQuietRate,
        Set<String> phases,
        Path output) {

    static final Set<String> ALL_PHASES = Set.of("latency", "throughput", "fairness", "scaleout", "isolation", "intake",
            "durability");
    /** The platform's X-Admin-Key for this run: the isolation phase sets one tenant's limits as an operator would. */
    static final String ADMIN_KEY = "bench-admin-" + java.util.UUID.randomUUID();
    /** The benchmark's logging setup, for logback itself and for every Spring application in this JVM. */
    static final String LOGGING_CONFIG = "benchmark-logback.xml";

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("outline-latency", "2s");
        defaults.put("lesson-latency", "1s");
        defaults.put("plan-latency", "300ms");
        defaults.put("picture-latency", "1500ms");
        // more partitions than one instance's threads, so a second content-service has partitions to take
        defaults.put("partitions", "12");
        defaults.put("outline-concurrency", "12");
        defaults.put("content-concurrency", "6");
        // pictures are the critical path: a thread per partition, so one course's pictures never queue for a thread
        defaults.put("image-concurrency", "12");
        // storage-service's own default: a course's parts finishing together are applied in parallel
        defaults.put("storage-concurrency", "4");
        defaults.put("single-course-lessons", "6");
        defaults.put("single-course-runs", "3");
        defaults.put("throughput-courses", "200");
        defaults.put("throughput-lessons", "1");
        defaults.put("intake-users", "16");
        defaults.put("intake-lessons", "1");
        defaults.put("intake-warmup", "5s");
        defaults.put("intake-duration", "15s");
        defaults.put("phase-deadline", "150s");
        // LLM capacity (concurrent calls): chat for outline-service and image-service's plans, pictures for
        // image-service; content-service is left to its threads, so the scale-out figure measures instances, not a
        // quota split between them
        defaults.put("chat-max-concurrent", "10");
        defaults.put("image-max-concurrent", "8");
        // storage's admission limits: near what the model quota keeps busy (see package storage.admission), and a
        // per-tenant cap below it, so another tenant always finds a place free
        defaults.put("max-in-flight", "24");
        defaults.put("max-in-flight-per-tenant", "20");
        defaults.put("fairness-backlog", "200");
        defaults.put("fairness-lessons", "1");
        defaults.put("scaleout-courses", "8");
        // enough lessons that the busiest partition is not most of the run (a course allows at most 30)
        defaults.put("scaleout-lessons", "30");
        // the local platform's store committing every write, against H2's timer: courses of one insert and 8 updates
        defaults.put("durability-courses", "1000");
        // one tenant over its limits beside another submitting steadily: windows of each, alternating, this many rounds
        defaults.put("isolation-window", "10s");
        defaults.put("isolation-rounds", "3");
        // the noisy tenant's submissions per second: a hundred times its own limit of 60 a minute
        defaults.put("isolation-noisy-rate", "100");
        defaults.put("isolation-quiet-rate", "5");
        defaults.put("phases", "latency,throughput,fairness,scaleout,isolation,intake,durability");
        defaults.put("output", "BENCHMARKS.md");
        return defaults;
    }

    static BenchmarkSettings parse(String... args) {
        Map<String, String> values = new HashMap<>(DEFAULTS);
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Arguments are --name=value, not '" + arg + "'; names: " + DEFAULTS.keySet());
            }
            String name = arg.substring(2, equals);
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("Unknown setting '" + name + "'; known: " + DEFAULTS.keySet());
            }
            values.put(name, arg.substring(equals + 1));
        }
        Set<String> phases = Set.of(values.get("phases").split(","));
        if (!ALL_PHASES.containsAll(phases)) {
            throw new IllegalArgumentException("phases are a comma-separated subset of " + ALL_PHASES);
        }
        return new BenchmarkSettings(
                duration(values, "outline-latency"), duration(values, "lesson-latency"),
                duration(values, "plan-latency"), duration(values, "picture-latency"),
                positive(values, "partitions"), positive(values, "outline-concurrency"),
                positive(values, "content-concurrency"), positive(values, "image-concurrency"),
                positive(values, "storage-concurrency"), positive(values, "single-course-lessons"), positive(values, "single-course-runs"),
                positive(values, "throughput-courses"), positive(values, "throughput-lessons"),
                positive(values, "intake-users"), positive(values, "intake-lessons"),
                duration(values, "intake-warmup"), duration(values, "intake-duration"),
                duration(values, "phase-deadline"), positive(values, "chat-max-concurrent"),
                positive(values, "image-max-concurrent"), positive(values, "max-in-flight"), positive(values, "max-in-flight-per-tenant"),
                positive(values, "fairness-backlog"), positive(values, "fairness-lessons"),
                positive(values, "scaleout-courses"), positive(values, "scaleout-lessons"),
                positive(values, "durability-courses"), duration(values, "isolation-window"),
                positive(values, "isolation-rounds"), positive(values, "isolation-noisy-rate"),
                positive(values, "isolation-quiet-rate"), phases, Path.of(values.get("output")));
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    PipelineBound bound() {
        return new PipelineBound(outlineLatency, lessonLatency, planLatency, pictureLatency, outlineConcurrency,
                contentConcurrency, imageConcurrency, chatMaxConcurrent, imageMaxConcurrent);
    }

    /**
     * What every service is told. {@code PlatformSettings.extraProperties} reaches all five services alike, but the
     * three generating services share one key for their chat latency; a placeholder on their own
     * {@code spring.application.name} gives each its own value (and its own listener concurrency) without any change
     * to the services or the local platform.
     */
    Map<String, String> platformProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("coursegen.llm.provider", "offline");
        properties.put("coursegen.kafka.partitions", String.valueOf(partitions));
        properties.put("server.address", "127.0.0.1");
        // the benchmark measures the platform at full load from one tenant, not the tenants' limits: off
        properties.put("coursegen.quotas.submissions-per-minute", "0");
        properties.put("coursegen.quotas.max-queued", "0");
        properties.put("coursegen.quotas.monthly-budget-usd", "0");
        properties.put("coursegen.gateway.admin.key", ADMIN_KEY);
        properties.put("logging.config", "classpath:" + LOGGING_CONFIG);
        properties.put("coursegen.llm.offline.chat-latency", "${coursegen.bench.chat-latency.${spring.application.name}:0s}");
        properties.put("coursegen.bench.chat-latency.outline-service", outlineLatency.toMillis() + "ms");
        properties.put("coursegen.bench.chat-latency.content-service", lessonLatency.toMillis() + "ms");
        properties.put("coursegen.bench.chat-latency.image-service", planLatency.toMillis() + "ms");
        properties.put("coursegen.llm.offline.image-latency", pictureLatency.toMillis() + "ms");
        properties.put("spring.kafka.listener.concurrency", "${coursegen.bench.concurrency.${spring.application.name}:1}");
        properties.put("coursegen.bench.concurrency.outline-service", String.valueOf(outlineConcurrency));
        properties.put("coursegen.bench.concurrency.content-service", String.valueOf(contentConcurrency));
        properties.put("coursegen.bench.concurrency.image-service", String.valueOf(imageConcurrency));
        properties.put("coursegen.bench.concurrency.storage-service", String.valueOf(storageConcurrency));
        properties.put("coursegen.llm.capacity.chat.max-concurrent",
                "${coursegen.bench.chat-limit.${spring.application.name}:0}");
        properties.put("coursegen.bench.chat-limit.outline-service", String.valueOf(chatMaxConcurrent));
        properties.put("coursegen.bench.chat-limit.image-service", String.valueOf(chatMaxConcurrent));
        properties.put("coursegen.llm.capacity.image.max-concurrent", String.valueOf(imageMaxConcurrent));
        properties.put("coursegen.admission.max-in-flight", String.valueOf(maxInFlight));
        properties.put("coursegen.admission.max-in-flight-per-tenant", String.valueOf(maxInFlightPerTenant));
        return properties;
    }

    /** The arguments as a command line would repeat them, for the report. */
    String describe() {
        return "latencies outline " + outlineLatency.toMillis() + " ms, lesson " + lessonLatency.toMillis()
                + " ms, picture plan " + planLatency.toMillis() + " ms, picture " + pictureLatency.toMillis()
                + " ms; listener concurrency outline " + outlineConcurrency + ", content " + contentConcurrency
                + ", image " + imageConcurrency + ", storage " + storageConcurrency + " (gateway 1, its default); " + partitions
                + " partitions per topic; LLM capacity " + chatMaxConcurrent + " concurrent chat calls (outline, picture plans), "
                + imageMaxConcurrent + " concurrent pictures; at most " + maxInFlight + " courses admitted at once, " + maxInFlightPerTenant
                + " per tenant";
    }

    private static Duration duration(Map<String, String> values, String name) {
        return DurationStyle.detectAndParse(values.get(name));
    }

    private static int positive(Map<String, String> values, String name) {
        int value = Integer.parseInt(values.get(name));
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return value;
    }
}
