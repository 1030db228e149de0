package io.coursegen.storage.metrics;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The meters and how a fact is recorded in them; {@link CourseMetering} decides when a fact is new. Every meter
 * with a fixed tag set is registered at startup, so dashboards and alerts see zeros rather than no series.
 * Histograms publish buckets (with an exact bucket at the objectives) for {@code histogram_quantile}.
 */
@Component
class PipelineMeters {

    /** Stages of a course; picture = plan and image together, assembly = last part to final status. */
    enum Stage {
        OUTLINE, LESSON, PICTURE, ASSEMBLY;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The end-to-end objective the alert and the dashboards use; a bucket ends exactly there. */
    static final Duration COURSE_OBJECTIVE = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(PipelineMeters.class);

    private final MeterRegistry registry;
    private final LlmCosts costs;
    private final Counter requested;
    private final Map<CourseStatus, Counter> finished = new EnumMap<>(CourseStatus.class);
    private final Map<CourseStatus, Timer> courseDuration = new EnumMap<>(CourseStatus.class);
    private final Map<Stage, Timer> stageDuration = new EnumMap<>(Stage.class);
    private final Counter pictures;
    private final Set<String> unpricedModels = ConcurrentHashMap.newKeySet();

    PipelineMeters(MeterRegistry registry, PricingProperties pricing) {
        this.registry = registry;
        this.costs = new LlmCosts(pricing.models());
        this.requested = Counter.builder("coursegen.courses.requested")
                .description("Courses whose request storage stored").register(registry);
        for (CourseStatus status : new CourseStatus[] {CourseStatus.COMPLETED, CourseStatus.FAILED, CourseStatus.CANCELLED}) {
            String outcome = status.name().toLowerCase(Locale.ROOT);
            finished.put(status, Counter.builder("coursegen.courses." + outcome)
                    .description("Courses that became " + status).register(registry));
            courseDuration.put(status, Timer.builder("coursegen.course.duration")
                    .description("From the request to the final status")
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .serviceLevelObjectives(COURSE_OBJECTIVE)
                    .minimumExpectedValue(Duration.ofSeconds(1))
                    .maximumExpectedValue(Duration.ofHours(2))
                    .register(registry));
        }
        for (Stage stage : Stage.values()) {
            stageDuration.put(stage, Timer.builder("coursegen.stage.duration")
                    .description("outline: request to outline; lesson, picture: outline to the part; "
                            + "assembly: last part to the final status")
                    .tag("stage", stage.tag())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(10))
                    .maximumExpectedValue(Duration.ofHours(1))
                    .register(registry));
        }
        this.pictures = Counter.builder("coursegen.pictures.generated")
                .description("Pictures stored for courses (first generations and regenerations)").register(registry);
    }

    void courseRequested() {
        requested.increment();
    }

    /**
     * @param status   COMPLETED, FAILED or CANCELLED
     * @param duration from the request, null if the request time is unknown (e.g. cancelled before it arrived)
     */
    void courseFinished(CourseStatus status, Duration duration) {
        Counter counter = finished.get(status);
        if (counter == null) {
            throw new IllegalArgumentException("Not a final status: " + status);
        }
        counter.increment();
        record(courseDuration.get(status), duration);
    }

    /** @param duration null when a timestamp is unknown; negative (clocks of two hosts) is dropped too */
    void stage(Stage stage, Duration duration) {
        record(stageDuration.get(stage), duration);
    }

    Optional<Duration> meanCompletedCourse() {
        Timer completed = courseDuration.get(CourseStatus.COMPLETED);
        return completed.count() == 0 ? Optional.empty()
                : Optional.of(Duration.ofMillis((long) completed.mean(TimeUnit.MILLISECONDS)));
    }

    void pictureGenerated() {
        pictures.increment();
    }

    void spent(Usage usage) {
        costs.of(usage).forEach((model, usd) -> {
            if (!costs.isPriced(model) && unpricedModels.add(model)) {
                log.warn("No price for model {} in coursegen.pricing.models; its cost counts as 0", model);
            }
            Counter.builder("coursegen.llm.cost.usd")
                    .description("Estimated LLM spend from coursegen.pricing")
                    .tag("model", model)
                    .register(registry)
                    .increment(usd);
        });
    }

    private static void record(Timer timer, Duration duration) {
        if (duration != null && !duration.isNegative()) {
            timer.record(duration);
        }
    }
}
