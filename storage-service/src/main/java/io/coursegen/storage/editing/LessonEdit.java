package io.coursegen.storage.editing;

import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonRules.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * What the owner changes in a lesson: each field present (not null) replaces the shown one, each absent field keeps
 * it.
 *
 * @param keyTakeaways the whole list
 * @param quiz         the whole quiz
 * @param picture      the picture's texts; the picture itself stays
 */
public record LessonEdit(String markdown, List<String> keyTakeaways, List<EditedQuestion> quiz, PictureEdit picture) {

    /** A quiz question as the owner sends it; unlike the contract's, a missing {@code correctOption} is no 0. */
    public record EditedQuestion(String question, List<String> options, Integer correctOption, String explanation) {
    }

    /** Each present text replaces the shown one; they are shown without surrounding whitespace. */
    public record PictureEdit(String caption, String altText) {
    }

    /** Whether the edit changes nothing at all. */
    public boolean isEmpty() {
        return markdown == null && keyTakeaways == null && quiz == null
                && (picture == null || picture.caption() == null && picture.altText() == null);
    }

    /** The shown lesson with this edit's text, takeaways and quiz; the title stays the outline's. */
    Lesson applyTo(Lesson shown) {
        return new Lesson(shown.title(),
                markdown == null ? shown.markdown() : markdown,
                keyTakeaways == null ? shown.keyTakeaways() : keyTakeaways,
                quiz == null ? shown.quiz() : quiz.stream().map(question -> question == null ? null
                        : new Lesson.QuizQuestion(question.question(), question.options(),
                                question.correctOption() == null ? 0 : question.correctOption(),
                                question.explanation())).toList());
    }

    String caption(String shown) {
        return picture == null || picture.caption() == null ? shown : picture.caption().strip();
    }

    String altText(String shown) {
        return picture == null || picture.altText() == null ? shown : picture.altText().strip();
    }

    /** What the lesson rules cannot see once the edit is applied: a question that names no correct option. */
    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; quiz != null && i < quiz.size(); i++) {
            if (quiz.get(i) != null && quiz.get(i).correctOption() == null) {
                problems.add(new Problem("quiz[" + i + "]", "question " + (i + 1) + " has no correctOption"));
            }
        }
        return problems;
    }
}
