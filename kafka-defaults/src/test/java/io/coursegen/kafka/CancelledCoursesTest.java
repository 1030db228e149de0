package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CancelledCoursesTest {

    @Test
    void remembersTheCoursesItWasToldAboutAndNoOthers() {
        CancelledCourses cancelled = new CancelledCourses(Duration.ofHours(24), 100);

        cancelled.add("c1");

        assertThat(cancelled.contains("c1")).isTrue();
        assertThat(cancelled.contains("c2")).isFalse();
        assertThat(cancelled.contains(null)).isFalse();
    }
}
