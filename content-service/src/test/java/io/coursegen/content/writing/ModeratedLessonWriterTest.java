package io.coursegen.content.writing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.OfflineModel;
import io.coursegen.llm.moderation.FlaggedOutputException;
import io.coursegen.llm.moderation.ModeratedOutput;
import io.coursegen.llm.moderation.OfflineModeration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline path, with a word list that flags a word the offline writer writes (the lesson's key concept). */
class ModeratedLessonWriterTest {

    private static final OfflineModeration FLAGS_XYLEM = new OfflineModeration(Map.of("violence", List.of("xylem")));

    /** What the writer was asked, each time: the categories it was told to avoid. */
    private final List<List<String>> asked = new ArrayList<>();

    @Test
    void anOfflineLessonThatNamesAFlaggedWordIsWrittenTwiceThenFailsWithTheReason() {
        ModeratedLessonWriter writer = new ModeratedLessonWriter(recording(new OfflineLessonWriter(OfflineModel.immediate())),
                new ModeratedOutput(FLAGS_XYLEM));

        assertThatThrownBy(() -> writer.write(request("xylem")))
                .isInstanceOf(FlaggedOutputException.class)
                .hasMessage("moderation: violence");
        assertThat(asked).containsExactly(List.of(), List.of("violence"));
    }

    @Test
    void theDefaultWordListPassesTheOfflineDrafts() {
        ModeratedLessonWriter writer = new ModeratedLessonWriter(recording(new OfflineLessonWriter(OfflineModel.immediate())),
                new ModeratedOutput(new OfflineModeration(OfflineModeration.DEFAULT_TERMS)));

        assertThat(writer.write(request("xylem")).lesson().title()).isEqualTo("Water, roots and stomata");
        assertThat(asked).hasSize(1);
    }

    @Test
    void aCleanSecondDraftIsPublishedWithTheCostOfBoth() {
        Lesson grim = lesson("The xylem massacre.");
        Lesson clean = lesson("Water rises through the stem.");
        LessonWriter model = (request, avoid) -> {
            asked.add(avoid);
            return new WrittenLesson(avoid.isEmpty() ? grim : clean, new Usage("openai", "gpt", 1, 100, 50, 0));
        };

        WrittenLesson written = new ModeratedLessonWriter(model, new ModeratedOutput(FLAGS_XYLEM)).write(request("roots"));

        assertThat(written.lesson()).isEqualTo(clean);
        assertThat(written.usage()).isEqualTo(new Usage("openai", "gpt", 2, 200, 100, 0));
        assertThat(asked).containsExactly(List.of(), List.of("violence"));
    }

    @Test
    void everyTextALearnerReadsIsChecked() {
        Lesson lesson = new Lesson("Title", "Body", List.of("One", "Two"), List.of(
                new Lesson.QuizQuestion("Q?", List.of("a", "b", "c", "d"), 2, "Because.")));

        assertThat(ModeratedLessonWriter.texts(lesson))
                .containsExactly("Title", "Body", "One", "Two", "Q?", "a", "b", "c", "d", "Because.");
    }

    private LessonWriter recording(LessonWriter writer) {
        return (request, avoid) -> {
            asked.add(avoid);
            return writer.write(request, avoid);
        };
    }

    private static Lesson lesson(String markdown) {
        return new Lesson("Water, roots and stomata", markdown, List.of("One.", "Two.", "Three."), List.of());
    }

    private static LessonRequested request(String keyConcept) {
        CourseSpec spec = new CourseSpec("Photosynthesis", "gardeners", "beginner", "en", 3, true, "watercolour");
        OutlineLesson lesson = new OutlineLesson("lesson-02", 2, "Water, roots and stomata",
                "How water reaches the leaves.", List.of("Explain osmosis"), List.of("osmosis", keyConcept), 15);
        return new LessonRequested("course-1", "tenant-1", "Light into sugar", spec, lesson, "How leaves catch light",
                "From carbon dioxide to sugar");
    }
}
