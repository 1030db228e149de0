package io.coursegen.contracts;

import io.coursegen.contracts.Lesson.QuizQuestion;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a lesson and its picture's texts must meet before learners see them. A JSON Schema gives the shape;
 * these are the counts and indexes it cannot express. A model's lesson (content-service, which repairs it once with
 * the {@link #problems} as feedback), a model's picture plan (image-service) and an author's hand edit of either
 * (storage-service) meet the same rules.
 */
public final class LessonRules {

    public static final int MIN_TAKEAWAYS = 3;
    public static final int MAX_TAKEAWAYS = 5;
    public static final int MIN_QUESTIONS = 3;
    public static final int MAX_QUESTIONS = 5;
    public static final int OPTIONS = 4;

    /** Captions and alt text longer than this stop being read; screen readers cut long alt text. */
    public static final int MAX_PICTURE_TEXT_LENGTH = 300;

    /**
     * One broken rule.
     *
     * @param field   where in the lesson, as its JSON names it: {@code markdown}, {@code keyTakeaways}, {@code quiz},
     *                {@code quiz[0]} (the first question), {@code caption}, {@code altText}
     * @param message in words a model or an author can act on
     */
    public record Problem(String field, String message) {
    }

    private LessonRules() {
    }

    /** Every rule the lesson breaks, in words a model can act on; empty when it is valid. */
    public static List<String> problems(boolean includeQuiz, Lesson lesson) {
        return problemsByField(includeQuiz, lesson).stream().map(Problem::message).toList();
    }

    /** {@link #problems}, each with the field it concerns. */
    public static List<Problem> problemsByField(boolean includeQuiz, Lesson lesson) {
        List<Problem> problems = new ArrayList<>();
        if (isBlank(lesson.title())) {
            problems.add(new Problem("title", "the title is blank"));
        }
        if (isBlank(lesson.markdown())) {
            problems.add(new Problem("markdown", "the markdown is blank"));
        }
        int takeaways = countNonBlank(lesson.keyTakeaways());
        if (takeaways < MIN_TAKEAWAYS || takeaways > MAX_TAKEAWAYS) {
            problems.add(new Problem("keyTakeaways",
                    "expected " + MIN_TAKEAWAYS + " to " + MAX_TAKEAWAYS + " key takeaways but got " + takeaways));
        }
        List<QuizQuestion> quiz = lesson.quiz() == null ? List.of() : lesson.quiz();
        if (!includeQuiz) {
            if (!quiz.isEmpty()) {
                problems.add(new Problem("quiz", "expected no quiz but got " + quiz.size() + " questions"));
            }
            return problems;
        }
        if (quiz.size() < MIN_QUESTIONS || quiz.size() > MAX_QUESTIONS) {
            problems.add(new Problem("quiz",
                    "expected " + MIN_QUESTIONS + " to " + MAX_QUESTIONS + " quiz questions but got " + quiz.size()));
        }
        for (int i = 0; i < quiz.size(); i++) {
            QuizQuestion question = quiz.get(i);
            String field = "quiz[" + i + "]";
            String which = "question " + (i + 1);
            if (question == null) {
                problems.add(new Problem(field, which + " is missing"));
                continue;
            }
            if (isBlank(question.question())) {
                problems.add(new Problem(field, which + " has blank text"));
            }
            int options = countNonBlank(question.options());
            if (options != OPTIONS || question.options().size() != OPTIONS) {
                problems.add(new Problem(field, which + " needs exactly " + OPTIONS + " non-blank options but has " + options));
            }
            if (question.correctOption() < 0 || question.correctOption() >= OPTIONS) {
                problems.add(new Problem(field,
                        which + " has correctOption " + question.correctOption() + ", expected 0 to " + (OPTIONS - 1)));
            }
            if (isBlank(question.explanation())) {
                problems.add(new Problem(field, which + " has a blank explanation"));
            }
        }
        return problems;
    }

    /**
     * Every rule a picture's caption and alt text break, counted without surrounding whitespace (which is stripped
     * before they are shown); empty when both can be shown to learners.
     */
    public static List<Problem> pictureProblems(String caption, String altText) {
        List<Problem> problems = new ArrayList<>();
        pictureText(problems, "caption", caption);
        pictureText(problems, "altText", altText);
        return problems;
    }

    private static void pictureText(List<Problem> problems, String field, String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty()) {
            problems.add(new Problem(field, field + " is blank"));
        } else if (stripped.length() > MAX_PICTURE_TEXT_LENGTH) {
            problems.add(new Problem(field, field + " has " + stripped.length() + " characters; at most "
                    + MAX_PICTURE_TEXT_LENGTH + " are allowed"));
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static int countNonBlank(List<String> texts) {
        return texts == null ? 0 : (int) texts.stream().filter(text -> !isBlank(text)).count();
    }
}
