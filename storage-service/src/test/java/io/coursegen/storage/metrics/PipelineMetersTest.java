package io.coursegen.storage.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.Usage;
import io.coursegen.storage.metrics.PipelineMeters.Stage;
import io.coursegen.storage.metrics.PricingProperties.ModelPrice;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMeters meters = new PipelineMeters(registry,
            new PricingProperties(Map.of("gpt-4o-mini", new ModelPrice(0.15, 0.60, 0))));

    @Test
    void registersEveryFixedSeriesAtStartSoDashboardsSeeZeros() {
        assertThat(registry.get("coursegen.courses.requested").counter().count()).isZero();
        for (String outcome : new String[] {"completed", "failed", "cancelled"}) {
            assertThat(registry.get("coursegen.courses." + outcome).counter().count()).isZero();
            assertThat(registry.get("coursegen.course.duration").tag("outcome", outcome).timer().count()).isZero();
        }
        for (String stage : new String[] {"outline", "lesson", "picture", "assembly"}) {
            assertThat(registry.get("coursegen.stage.duration").tag("stage", stage).timer().count()).isZero();
        }
        assertThat(registry.get("coursegen.pictures.generated").counter().count()).isZero();
    }

    @Test
    void countsAFinishedCourseByOutcomeAndTimesItFromTheRequest() {
        meters.courseFinished(CourseStatus.COMPLETED, Duration.ofSeconds(90));
        meters.courseFinished(CourseStatus.CANCELLED, null);

        assertThat(registry.get("coursegen.courses.completed").counter().count()).isEqualTo(1);
        assertThat(registry.get("coursegen.courses.cancelled").counter().count()).isEqualTo(1);
        assertThat(registry.get("coursegen.course.duration").tag("outcome", "completed").timer()
                .totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(90);
        assertThat(registry.get("coursegen.course.duration").tag("outcome", "cancelled").timer().count())
                .as("no request time, no duration").isZero();
        assertThatThrownBy(() -> meters.courseFinished(CourseStatus.GENERATING, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropsStageTimesThatAreUnknownOrNegative() {
        meters.stage(Stage.LESSON, Duration.ofSeconds(3));
        meters.stage(Stage.LESSON, Duration.ofSeconds(-1));
        meters.stage(Stage.LESSON, null);

        assertThat(registry.get("coursegen.stage.duration").tag("stage", "lesson").timer().count()).isEqualTo(1);
    }

    @Test
    void addsTheEstimatedSpendByModel() {
        meters.spent(new Usage("openai", "gpt-4o-mini", 1, 1_000_000, 1_000_000, 0));
        meters.spent(new Usage("openai", "gpt-4o-mini+gpt-image-1", 2, 1_000_000, 0, 1));

        assertThat(registry.get("coursegen.llm.cost.usd").tag("model", "gpt-4o-mini").counter().count())
                .isCloseTo(0.75 + 0.15, within(1e-9));
        assertThat(registry.get("coursegen.llm.cost.usd").tag("model", "gpt-image-1").counter().count())
                .as("unpriced here").isZero();
    }
}
