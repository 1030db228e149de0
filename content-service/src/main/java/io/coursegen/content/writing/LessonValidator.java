package io.coursegen.content.writing;

import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.Lesson.QuizQuestion;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a lesson must meet before learners see it. A JSON Schema gives the shape; these are the
 * counts and indexes it cannot express.
 */
final class LessonValidator {

    static final int MIN_TAKEAWAYS = 3;
    static final int MAX_TAKEAWAYS = 5;
    static final int MIN_QUESTIONS = 3;
    static final int MAX_QUESTIONS = 5;
    static final int OPTIONS = 4;

    /** Every rule the lesson breaks, in words a model can act on; empty when it is valid. */
    List<String> problems(boolean includeQuiz, Lesson lesson) {
        List<String> problems = new ArrayList<>();
        if (isBlank(lesson.title())) {
            problems.add("the title is blank");
        }
        if (isBlank(lesson.markdown())) {
            problems.add("the markdown is blank");
        }
        int takeaways = countNonBlank(lesson.keyTakeaways());
        if (takeaways < MIN_TAKEAWAYS || takeaways > MAX_TAKEAWAYS) {
            problems.add("expected " + MIN_TAKEAWAYS + " to " + MAX_TAKEAWAYS + " key takeaways but got " + takeaways);
        }
        List<QuizQuestion> quiz = lesson.quiz() == null ? List.of() : lesson.quiz();
        if (!includeQuiz) {
            if (!quiz.isEmpty()) {
                problems.add("expected no quiz but got " + quiz.size() + " questions");
            }
            return problems;
        }
        if (quiz.size() < MIN_QUESTIONS || quiz.size() > MAX_QUESTIONS) {
            problems.add("expected " + MIN_QUESTIONS + " to " + MAX_QUESTIONS + " quiz questions but got " + quiz.size());
        }
        for (int i = 0; i < quiz.size(); i++) {
            QuizQuestion question = quiz.get(i);
            String which = "question " + (i + 1);
            if (question == null) {
                problems.add(which + " is missing");
                continue;
            }
            if (isBlank(question.question())) {
                problems.add(which + " has blank text");
            }
            int options = countNonBlank(question.options());
            if (options != OPTIONS || question.options().size() != OPTIONS) {
                problems.add(which + " needs exactly " + OPTIONS + " non-blank options but has " + options);
            }
            if (question.correctOption() < 0 || question.correctOption() >= OPTIONS) {
                problems.add(which + " has correctOption " + question.correctOption() + ", expected 0 to " + (OPTIONS - 1));
            }
            if (isBlank(question.explanation())) {
                problems.add(which + " has a blank explanation");
            }
        }
        return problems;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static int countNonBlank(List<String> texts) {
        return texts == null ? 0 : (int) texts.stream().filter(text -> !isBlank(text)).count();
    }
}
