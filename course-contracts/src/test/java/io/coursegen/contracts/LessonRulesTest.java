package io.coursegen.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.Lesson.QuizQuestion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LessonRulesTest {

    @Test
    void acceptsALessonWithThreeToFiveTakeawaysAndQuestions() {
        assertThat(LessonRules.problems(true, lesson(takeaways(3), questions(3)))).isEmpty();
        assertThat(LessonRules.problems(true, lesson(takeaways(5), questions(5)))).isEmpty();
    }

    @Test
    void acceptsALessonWithoutQuizWhenTheCourseHasNoQuizzes() {
        assertThat(LessonRules.problems(false, lesson(takeaways(4), List.of()))).isEmpty();
    }

    @Test
    void rejectsBlankMarkdown() {
        Lesson blank = new Lesson("Light", "  ", takeaways(3), questions(3));

        assertThat(LessonRules.problems(true, blank)).containsExactly("the markdown is blank");
    }

    @Test
    void wantsThreeToFiveTakeaways() {
        assertThat(LessonRules.problems(true, lesson(takeaways(2), questions(3))))
                .containsExactly("expected 3 to 5 key takeaways but got 2");
        assertThat(LessonRules.problems(true, lesson(takeaways(6), questions(3))))
                .containsExactly("expected 3 to 5 key takeaways but got 6");
    }

    @Test
    void wantsThreeToFiveQuestionsWhenTheCourseHasQuizzes() {
        assertThat(LessonRules.problems(true, lesson(takeaways(3), questions(2))))
                .containsExactly("expected 3 to 5 quiz questions but got 2");
        assertThat(LessonRules.problems(true, lesson(takeaways(3), questions(6))))
                .containsExactly("expected 3 to 5 quiz questions but got 6");
    }

    @Test
    void wantsNoQuestionsWhenTheCourseHasNoQuizzes() {
        assertThat(LessonRules.problems(false, lesson(takeaways(3), questions(3))))
                .containsExactly("expected no quiz but got 3 questions");
    }

    @Test
    void wantsExactlyFourOptionsAndACorrectOptionAmongThem() {
        List<QuizQuestion> quiz = new ArrayList<>(questions(3));
        quiz.set(0, new QuizQuestion("Q?", List.of("a", "b", "c"), 0, "Because."));
        quiz.set(1, new QuizQuestion("Q?", List.of("a", "b", "c", "d"), 4, "Because."));
        quiz.set(2, new QuizQuestion("Q?", List.of("a", "b", " ", "d"), -1, "Because."));

        assertThat(LessonRules.problems(true, lesson(takeaways(3), quiz))).containsExactly(
                "question 1 needs exactly 4 non-blank options but has 3",
                "question 2 has correctOption 4, expected 0 to 3",
                "question 3 needs exactly 4 non-blank options but has 3",
                "question 3 has correctOption -1, expected 0 to 3");
    }

    @Test
    void reportsMissingPartsInsteadOfFailingOnThem() {
        List<QuizQuestion> quiz = Arrays.asList(null, new QuizQuestion("", null, 1, null), question(3));

        assertThat(LessonRules.problems(true, new Lesson("Light", null, null, quiz))).containsExactly(
                "the markdown is blank",
                "expected 3 to 5 key takeaways but got 0",
                "question 1 is missing",
                "question 2 has blank text",
                "question 2 needs exactly 4 non-blank options but has 0",
                "question 2 has a blank explanation");
    }

    @Test
    void namesTheFieldOfEveryProblemAsTheLessonsJsonNamesIt() {
        List<QuizQuestion> quiz = new ArrayList<>(questions(3));
        quiz.set(1, new QuizQuestion(" ", List.of("a", "b", "c", "d"), 9, "Because."));

        assertThat(LessonRules.problemsByField(true, new Lesson("Light", "", takeaways(1), quiz))).containsExactly(
                new LessonRules.Problem("markdown", "the markdown is blank"),
                new LessonRules.Problem("keyTakeaways", "expected 3 to 5 key takeaways but got 1"),
                new LessonRules.Problem("quiz[1]", "question 2 has blank text"),
                new LessonRules.Problem("quiz[1]", "question 2 has correctOption 9, expected 0 to 3"));
        assertThat(LessonRules.problemsByField(false, lesson(takeaways(3), questions(3))))
                .containsExactly(new LessonRules.Problem("quiz", "expected no quiz but got 3 questions"));
    }

    @Test
    void wantsACaptionAndAltTextOfAtMost300CharactersWithoutSurroundingWhitespace() {
        assertThat(LessonRules.pictureProblems("x".repeat(300), " " + "y".repeat(300) + " ")).isEmpty();
        assertThat(LessonRules.pictureProblems("x".repeat(301), " ")).containsExactly(
                new LessonRules.Problem("caption", "caption has 301 characters; at most 300 are allowed"),
                new LessonRules.Problem("altText", "altText is blank"));
        assertThat(LessonRules.pictureProblems(null, "A cat in a box."))
                .containsExactly(new LessonRules.Problem("caption", "caption is blank"));
    }

    private static Lesson lesson(List<String> takeaways, List<QuizQuestion> quiz) {
        return new Lesson("Light", "## Introduction\n\nPlants catch light.", takeaways, quiz);
    }

    private static List<String> takeaways(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "Takeaway " + i + ".").toList();
    }

    private static List<QuizQuestion> questions(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(LessonRulesTest::question).toList();
    }

    private static QuizQuestion question(int number) {
        return new QuizQuestion("Question " + number + "?", List.of("a", "b", "c", "d"), number % 4, "Because.");
    }
}
