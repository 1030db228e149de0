package io.coursegen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineBoundTest {

    private final PipelineBound issueLatencies = new PipelineBound(Duration.ofSeconds(2), Duration.ofSeconds(1),
            Duration.ofMillis(300), Duration.ofMillis(1500), 6, 6, 6);

    @Test
    void theCriticalPathIsTheOutlineThenTheLongerOfALessonAndAPlannedPicture() {
        assertThat(issueLatencies.criticalPath()).isEqualTo(Duration.ofMillis(3800));
    }

    @Test
    void sixLessonsOneAfterAnotherAndSevenPicturesOneAfterAnotherTakeFourteenPointSixSeconds() {
        assertThat(issueLatencies.sequentialPath(6)).isEqualTo(Duration.ofMillis(2000 + 7 * 1800));
    }

    @Test
    void aBatchIsBoundByItsBusiestServiceInFullRoundsOfItsConcurrency() {
        // 50 courses x 3 pictures = 150 pictures, 25 rounds of 6 x 1.8 s, after the first 2 s outline
        assertThat(issueLatencies.batchMakespan(50, 2)).isEqualTo(Duration.ofMillis(2000 + 25 * 1800));
        assertThat(PipelineBound.coursesPerMinute(50, issueLatencies.batchMakespan(50, 2)))
                .isCloseTo(63.83, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void withOneOutlineThreadTheOutlinesAreTheBottleneck() {
        PipelineBound oneOutlineThread = new PipelineBound(Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofMillis(300), Duration.ofMillis(1500), 1, 6, 6);

        // 50 outlines one after another, then the last course's longest single part
        assertThat(oneOutlineThread.batchMakespan(50, 2)).isEqualTo(Duration.ofMillis(50 * 2000 + 1800));
    }

    @Test
    void aPictureLimitBelowTheThreadsBoundsThePictures() {
        PipelineBound limited = new PipelineBound(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(300),
                Duration.ofMillis(1500), 12, 6, 12, 10, 8);

        // 200 one-lesson courses: 400 pictures, 50 rounds of 8 x 1.5 s after a plan, after the first outline;
        // the 200 outlines take 20 rounds of 10 x 2 s, the 200 lessons 34 rounds of 6 x 1 s
        assertThat(limited.batchMakespan(200, 1)).isEqualTo(Duration.ofMillis(2000 + 300 + 50 * 1500));
    }

    @Test
    void picturesPinnedToOneBusyPartitionBoundTheBatchWhenTheyOutlastTheCapacity() {
        PipelineBound limited = new PipelineBound(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(300),
                Duration.ofMillis(1500), 12, 6, 12, 10, 8);

        // 44 pictures on one partition's thread: 2 s + 44 x 1.8 s = 81.2 s, beyond the capacity's 77.3 s
        assertThat(limited.batchMakespan(200, 1, 44)).isEqualTo(Duration.ofMillis(2000 + 44 * 1800));
        // 34 fit within the capacity bound, which stays
        assertThat(limited.batchMakespan(200, 1, 34)).isEqualTo(limited.batchMakespan(200, 1));
    }

    @Test
    void aCourseCostsItsOutlineItsLessonsAndAPlanAndAPicturePerPicture() {
        assertThat(PipelineBound.llmCallsPerCourse(6)).isEqualTo(1 + 6 + 2 * 7);
        assertThat(PipelineBound.llmCallsPerCourse(2)).isEqualTo(9);
    }
}
