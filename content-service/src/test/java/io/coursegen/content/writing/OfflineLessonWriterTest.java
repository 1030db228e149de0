package io.coursegen.content.writing;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.contracts.Usage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineLessonWriterTest {

    private final OfflineLessonWriter writer = new OfflineLessonWriter(Duration.ZERO);

    @Test
    void writesTheSameLessonForTheSameRequest() {
        assertThat(writer.write(request(2, true))).isEqualTo(writer.write(request(2, true)));
    }

    @Test
    void saysItIsAnOfflineDraftWrittenWithoutALanguageModel() {
        WrittenLesson written = writer.write(request(2, true));

        assertThat(written.lesson().markdown()).startsWith("> [Offline draft]").contains("without a language model");
        assertThat(written.lesson().keyTakeaways()).anySatisfy(takeaway -> assertThat(takeaway).contains("offline draft"));
        assertThat(written.usage()).isEqualTo(new Usage("offline", "offline", 0, 0, 0, 0));
    }

    @Test
    void hasIntroductionExplanationWorkedExampleAndSummarySections() {
        Lesson lesson = writer.write(request(2, true)).lesson();

        assertThat(lesson.title()).isEqualTo("Water, roots and stomata");
        assertThat(lesson.markdown()).containsSubsequence(
                "## Introduction", "following \"How leaves catch light\"", "## Explanation", "- osmosis",
                "## Worked example", "## Summary", "the next lesson is \"From carbon dioxide to sugar\"");
    }

    @Test
    void hasThreeTakeawaysAndThreeFourOptionQuestionsWhoseAnswerIsTheRightOption() {
        Lesson lesson = writer.write(request(2, true)).lesson();

        assertThat(lesson.keyTakeaways()).hasSize(3);
        assertThat(lesson.quiz()).hasSize(3).allSatisfy(question -> assertThat(question.options()).hasSize(4));
        assertThat(lesson.quiz().get(0).options().get(lesson.quiz().get(0).correctOption())).isEqualTo("osmosis");
        assertThat(lesson.quiz()).extracting(Lesson.QuizQuestion::correctOption).containsExactly(2, 3, 0);
        assertThat(new LessonValidator().problems(true, lesson)).isEmpty();
    }

    @Test
    void writesNoQuizForACourseWithoutQuizzes() {
        Lesson lesson = writer.write(request(1, false)).lesson();

        assertThat(lesson.quiz()).isEmpty();
        assertThat(lesson.markdown()).contains("the first one");
        assertThat(new LessonValidator().problems(false, lesson)).isEmpty();
    }

    private static LessonRequested request(int position, boolean includeQuiz) {
        CourseSpec spec = new CourseSpec("Photosynthesis", "gardeners", "beginner", "en", 3, includeQuiz, "watercolour");
        OutlineLesson lesson = new OutlineLesson("lesson-0" + position, position, "Water, roots and stomata",
                "How water reaches the leaves.", List.of("Explain osmosis"), List.of("osmosis", "xylem"), 15);
        return new LessonRequested("course-1", "tenant-1", "Light into sugar", spec, lesson,
                position == 1 ? null : "How leaves catch light", "From carbon dioxide to sugar");
    }
}
