package io.coursegen.content.writing;

import dev.langchain4j.model.output.structured.Description;
import io.coursegen.contracts.Lesson;
import java.util.List;

/**
 * The lesson as the model is asked to write it (its JSON Schema is generated from this record and sent
 * with the request). The title is not the model's to choose: it comes from the outline.
 */
record GeneratedLesson(
        @Description("The lesson body in Markdown, with ## section headings and no # title") String markdown,
        @Description("3 to 5 key takeaways, one sentence each") List<String> keyTakeaways,
        @Description("3 to 5 multiple-choice questions, or an empty list when no quiz is wanted") List<GeneratedQuestion> quiz) {

    record GeneratedQuestion(
            @Description("The question") String question,
            @Description("Exactly 4 answer options") List<String> options,
            @Description("0-based index of the correct option, 0 to 3") int correctOption,
            @Description("Why the correct option is correct") String explanation) {
    }

    GeneratedLesson withoutQuiz() {
        return new GeneratedLesson(markdown, keyTakeaways, List.of());
    }

    /** The contract's lesson, gaps kept (a missing quiz becomes an empty one) for the lesson rules to judge. */
    Lesson toLesson(String title) {
        return new Lesson(title, markdown, keyTakeaways, quiz == null ? List.of() : quiz.stream()
                .map(q -> q == null ? null : new Lesson.QuizQuestion(q.question(), q.options(), q.correctOption(), q.explanation()))
                .toList());
    }
}
