package io.coursegen.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchmarkSettingsTest {

    @Test
    void defaultsAreTheIssuesLatencies() {
        BenchmarkSettings settings = BenchmarkSettings.parse();

        assertThat(settings.bound().criticalPath()).isEqualTo(Duration.ofMillis(3800));
        assertThat(settings.singleCourseLessons()).isEqualTo(6);
        assertThat(settings.phases()).containsExactlyInAnyOrderElementsOf(BenchmarkSettings.ALL_PHASES);
    }

    @Test
    void eachGeneratingServiceGetsItsOwnChatLatencyThroughItsApplicationName() {
        BenchmarkSettings settings = BenchmarkSettings.parse("--outline-latency=3s", "--plan-latency=250ms");

        assertThat(settings.platformProperties())
                .containsEntry("coursegen.llm.offline.chat-latency",
                        "${coursegen.bench.chat-latency.${spring.application.name}:0s}")
                .containsEntry("coursegen.bench.chat-latency.outline-service", "3000ms")
                .containsEntry("coursegen.bench.chat-latency.content-service", "1000ms")
                .containsEntry("coursegen.bench.chat-latency.image-service", "250ms")
                .containsEntry("coursegen.llm.offline.image-latency", "1500ms");
    }

    @Test
    void refusesUnknownSettingsAndPhases() {
        assertThatThrownBy(() -> BenchmarkSettings.parse("--lessons=3")).hasMessageContaining("Unknown setting 'lessons'");
        assertThatThrownBy(() -> BenchmarkSettings.parse("--phases=latency,scale-out")).hasMessageContaining("phases");
        assertThatThrownBy(() -> BenchmarkSettings.parse("courses=3")).hasMessageContaining("--name=value");
    }
}
