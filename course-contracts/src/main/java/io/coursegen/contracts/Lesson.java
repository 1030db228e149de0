package io.coursegen.contracts;

import java.util.List;

/** One written lesson. {@code quiz} is empty when the course was requested without quizzes. */
public record Lesson(String title, String markdown, List<String> keyTakeaways, List<QuizQuestion> quiz) {

    /** @param correctOption 0-based index into {@code options} */
    public record QuizQuestion(String question, List<String> options, int correctOption, String explanation) {
    }
}
