package io.coursegen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FigureTest {

    @Test
    void throughputMeetsItsTargetAtFortyPercentOfTheBareEndpoint() {
        Figure intake = Figure.atLeast("1a", "intake", 800, 2000, "req/s", "bare", 0.40);

        assertThat(intake.ratio()).isEqualTo(0.40);
        assertThat(intake.met()).isTrue();
        assertThat(Figure.atLeast("1a", "intake", 799, 2000, "req/s", "bare", 0.40).met()).isFalse();
    }

    @Test
    void latencyMeetsItsTargetAtOrBelowTheBound() {
        assertThat(Figure.atMost("1c", "p99", 50, 50, "ms", "target", 1.0).met()).isTrue();
        assertThat(Figure.atMost("1c", "p99", 61, 50, "ms", "target", 1.0).met()).isFalse();
    }

    @Test
    void overheadIsTheExcessOverTheCriticalPathAsAShareOfIt() {
        double criticalPath = 3.8;
        double measured = 4.18;

        Figure overhead = Figure.atMost("2b", "overhead", measured - criticalPath, criticalPath, "s", "critical path", 0.10);

        assertThat(overhead.ratio()).isCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Figure.atMost("2b", "overhead", 14.9 - criticalPath, criticalPath, "s", "", 0.10).met()).isFalse();
    }

    @Test
    void anExactCountIsMetOnlyByThatCount() {
        assertThat(Figure.exactly("7a", "calls", 21, 21, "calls", "formula").met()).isTrue();
        assertThat(Figure.exactly("7a", "calls", 22, 21, "calls", "formula").met()).isFalse();
        assertThat(Figure.exactly("7a", "calls", 20, 21, "calls", "formula").met()).isFalse();
    }

    @Test
    void withoutABoundOrAMeasurementThereIsNoRatioAndNoVerdict() {
        Figure tokens = Figure.atMost("7b", "prompt tokens", 0, Double.NaN, "tokens", "", null);
        Figure missing = Figure.atLeast("3", "throughput", Double.NaN, 60, "courses/min", "bound", 0.9);

        assertThat(tokens.ratio()).isNaN();
        assertThat(tokens.met()).isNull();
        assertThat(missing.met()).isNull();
        assertThat(missing.row()).contains("| n/a |");
    }

    @Test
    void aRowShowsMeasuredBoundRatioTargetAndVerdict() {
        Figure figure = Figure.atLeast("3", "50 courses", 45.26, 63.8, "courses/min", "limits", 0.90);

        assertThat(figure.row()).isEqualTo(
                "| 3 | 50 courses | 45.3 courses/min | 63.8 courses/min (limits) | 0.71 | >= 0.90 | **no** |");
    }
}
