package io.coursegen.gateway.progress;

import static io.coursegen.contracts.CourseStatus.COMPLETED;
import static io.coursegen.contracts.CourseStatus.FAILED;
import static io.coursegen.contracts.CourseStatus.GENERATING;
import static io.coursegen.contracts.CourseStatus.OUTLINING;
import static io.coursegen.contracts.CourseStatus.QUEUED;
import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressEventTest {

    @Test
    void percentIsRoundedDownAndZeroWhileTheTotalIsUnknown() {
        assertThat(event(GENERATING, 3, 14).percent()).isEqualTo(21);
        assertThat(event(COMPLETED, 14, 14).percent()).isEqualTo(100);
        assertThat(event(QUEUED, 0, 0).percent()).isZero();
    }

    @Test
    void eventIdNamesPartsDoneAndStatus() {
        assertThat(event(GENERATING, 3, 14).eventId()).isEqualTo("3-GENERATING");
    }

    @Test
    void laterStagesAndMorePartsComeAfterButRepeatsAndOlderStatesDoNot() {
        ProgressEvent shown = event(GENERATING, 5, 14);

        assertThat(event(GENERATING, 6, 14).isAfter(shown)).isTrue();
        assertThat(event(FAILED, 5, 14).isAfter(shown)).isTrue();
        assertThat(event(COMPLETED, 14, 14).isAfter(shown)).isTrue();
        assertThat(event(GENERATING, 5, 14).isAfter(shown)).isFalse();
        assertThat(event(GENERATING, 4, 14).isAfter(shown)).isFalse();
        assertThat(event(OUTLINING, 0, 14).isAfter(shown)).isFalse();
    }

    private static ProgressEvent event(CourseStatus status, int done, int total) {
        return ProgressEvent.of("c-1", status, done, total, null, Instant.EPOCH);
    }
}
