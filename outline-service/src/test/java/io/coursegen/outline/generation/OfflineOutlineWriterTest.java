package io.coursegen.outline.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Usage;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedLesson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OfflineOutlineWriterTest {

    private final OfflineOutlineWriter writer = new OfflineOutlineWriter(Duration.ZERO);

    @Test
    void writesTheSameOutlineForTheSameRequest() {
        CourseSpec spec = spec("Quantum computing", 6);

        assertThat(writer.write(spec)).isEqualTo(writer.write(spec));
    }

    @Test
    void saysItIsAnOfflineDraftWrittenWithoutALanguageModel() {
        WrittenOutline written = writer.write(spec("Quantum computing", 3));

        assertThat(written.outline().title()).isEqualTo("[Offline draft] Quantum computing");
        assertThat(written.outline().description()).contains("without a language model");
        assertThat(written.outline().lessons()).allSatisfy(lesson -> assertThat(lesson.summary()).startsWith("Offline draft:"));
        assertThat(written.usage()).isEqualTo(new Usage("offline", "offline", 0, 0, 0, 0));
    }

    @Test
    void writesExactlyTheRequestedLessonsWithDistinctTitlesEvenPastItsTemplates() {
        for (int count : new int[] {1, 3, 8, 12}) {
            CourseSpec spec = spec("Sourdough baking", count);
            WrittenOutline written = writer.write(spec);

            assertThat(written.outline().lessons()).hasSize(count);
            assertThat(written.outline().lessons()).extracting(GeneratedLesson::title).doesNotHaveDuplicates()
                    .allSatisfy(title -> assertThat(title).contains("Sourdough baking"));
            assertThat(new OutlineValidator().problems(spec, written.outline())).isEmpty();
        }
    }

    @Test
    void fillsEveryFieldTheModelWouldFill() {
        GeneratedOutline outline = writer.write(spec("Sourdough baking", 4)).outline();

        assertThat(outline.audience()).isEqualTo("home bakers");
        assertThat(outline.prerequisites()).isNotEmpty();
        assertThat(outline.learningObjectives()).hasSizeBetween(3, 6);
        assertThat(outline.lessons()).allSatisfy(lesson -> {
            assertThat(lesson.objectives()).isNotEmpty();
            assertThat(lesson.keyConcepts()).isNotEmpty();
            assertThat(lesson.estimatedMinutes()).isPositive();
        });
    }

    private static CourseSpec spec(String topic, int lessons) {
        return new CourseSpec(topic, "home bakers", "beginner", "en", lessons, true, "flat illustration");
    }
}
