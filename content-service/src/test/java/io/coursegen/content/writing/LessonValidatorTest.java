package io.coursegen.content.writing;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.Lesson.QuizQuestion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LessonValidatorTest {

    private final LessonValidator validator = new LessonValidator();

    @Test
    void acceptsALessonWithThreeToFiveTakeawaysAndQuestions() {
        assertThat(validator.problems(true, lesson(takeaways(3), questions(3)))).isEmpty();
        assertThat(validator.problems(true, lesson(takeaways(5), questions(5)))).isEmpty();
    }

    @Test
    void acceptsALessonWithoutQuizWhenTheCourseHasNoQuizzes() {
        assertThat(validator.problems(false, lesson(takeaways(4), List.of()))).isEmpty();
    }

    @Test
    void rejectsBlankMarkdown() {
        Lesson blank = new Lesson("Light", "  ", takeaways(3), questions(3));

        assertThat(validator.problems(true, blank)).containsExactly("the markdown is blank");
    }

    @Test
    void wantsThreeToFiveTakeaways() {
        assertThat(validator.problems(true, lesson(takeaways(2), questions(3))))
                .containsExactly("expected 3 to 5 key takeaways but got 2");
        assertThat(validator.problems(true, lesson(takeaways(6), questions(3))))
                .containsExactly("expected 3 to 5 key takeaways but got 6");
    }

    @Test
    void wantsThreeToFiveQuestionsWhenTheCourseHasQuizzes() {
        assertThat(validator.problems(true, lesson(takeaways(3), questions(2))))
                .containsExactly("expected 3 to 5 quiz questions but got 2");
        assertThat(validator.problems(true, lesson(takeaways(3), questions(6))))
                .containsExactly("expected 3 to 5 quiz questions but got 6");
    }

    @Test
    void wantsNoQuestionsWhenTheCourseHasNoQuizzes() {
        assertThat(validator.problems(false, lesson(takeaways(3), questions(3))))
                .containsExactly("expected no quiz but got 3 questions");
    }

    @Test
    void wantsExactlyFourOptionsAndACorrectOptionAmongThem() {
        List<QuizQuestion> quiz = new ArrayList<>(questions(3));
        quiz.set(0, new QuizQuestion("Q?", List.of("a", "b", "c"), 0, "Because."));
        quiz.set(1, new QuizQuestion("Q?", List.of("a", "b", "c", "d"), 4, "Because."));
        quiz.set(2, new QuizQuestion("Q?", List.of("a", "b", " ", "d"), -1, "Because."));

        assertThat(validator.problems(true, lesson(takeaways(3), quiz))).containsExactly(
                "question 1 needs exactly 4 non-blank options but has 3",
                "question 2 has correctOption 4, expected 0 to 3",
                "question 3 needs exactly 4 non-blank options but has 3",
                "question 3 has correctOption -1, expected 0 to 3");
    }

    @Test
    void reportsMissingPartsInsteadOfFailingOnThem() {
        List<QuizQuestion> quiz = Arrays.asList(null, new QuizQuestion("", null, 1, null), question(3));

        assertThat(validator.problems(true, new Lesson("Light", null, null, quiz))).containsExactly(
                "the markdown is blank",
                "expected 3 to 5 key takeaways but got 0",
                "question 1 is missing",
                "question 2 has blank text",
                "question 2 needs exactly 4 non-blank options but has 0",
                "question 2 has a blank explanation");
    }

    private static Lesson lesson(List<String> takeaways, List<QuizQuestion> quiz) {
        return new Lesson("Light", "## Introduction\n\nPlants catch light.", takeaways, quiz);
    }

    private static List<String> takeaways(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "Takeaway " + i + ".").toList();
    }

    private static List<QuizQuestion> questions(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(LessonValidatorTest::question).toList();
    }

    private static QuizQuestion question(int number) {
        return new QuizQuestion("Question " + number + "?", List.of("a", "b", "c", "d"), number % 4, "Because.");
    }
}
