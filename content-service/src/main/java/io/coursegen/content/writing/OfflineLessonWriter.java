package io.coursegen.content.writing;

import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.Lesson.QuizQuestion;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.LlmProvider;
import io.coursegen.llm.SimulatedLatency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A lesson from a fixed template, without any model: same request, same lesson. It says plainly that it
 * is an offline draft, and it has the shape the OpenAI writer produces (and passes the same rules), so
 * the rest of the pipeline and the console show a complete course.
 */
final class OfflineLessonWriter implements LessonWriter {

    static final String LABEL = "[Offline draft]";

    private static final Usage USAGE = new Usage(LlmProvider.OFFLINE.id(), LlmProvider.OFFLINE.id(), 0, 0, 0, 0);
    private static final String HOW_WRITTEN = "From a template, without a language model";

    private final Duration latency;

    OfflineLessonWriter(Duration latency) {
        this.latency = latency;
    }

    @Override
    public WrittenLesson write(LessonRequested request) {
        SimulatedLatency.pause(latency);
        OutlineLesson lesson = request.lesson();
        String concept = first(lesson.keyConcepts(), lesson.title());
        String objective = first(lesson.objectives(), "Describe " + lesson.title());
        List<String> takeaways = List.of(
                "\"" + lesson.title() + "\" is about " + concept + ".",
                "Its objective: " + objective + ".",
                "This text is an offline draft; generate the course with a language model for the real lesson.");
        List<QuizQuestion> quiz = request.spec().includeQuiz() ? quiz(lesson, concept, objective) : List.of();
        return new WrittenLesson(new Lesson(lesson.title(), markdown(request, concept), takeaways, quiz), USAGE);
    }

    private static String markdown(LessonRequested request, String concept) {
        OutlineLesson lesson = request.lesson();
        StringBuilder text = new StringBuilder()
                .append("> ").append(LABEL).append(" This lesson was produced from a template without a language model.")
                .append(" It shows the structure of a lesson; generate the course with the openai provider for real content.\n\n")
                .append("## Introduction\n\n")
                .append("This is lesson ").append(lesson.position()).append(" of the course \"").append(request.courseTitle())
                .append("\"").append(request.previousLessonTitle() == null
                        ? ", the first one."
                        : ", following \"" + request.previousLessonTitle() + "\".")
                .append("\n\n").append(lesson.summary()).append("\n\n")
                .append("## Explanation\n\n")
                .append("A full lesson would explain these key concepts, each with a concrete example:\n\n");
        lesson.keyConcepts().forEach(keyConcept -> text.append("- ").append(keyConcept).append('\n'));
        text.append("\nBy the end a learner should be able to:\n\n");
        lesson.objectives().forEach(objective -> text.append("- ").append(objective).append('\n'));
        text.append("\n## Worked example\n\n")
                .append("A full lesson would walk through one realistic example of ").append(concept)
                .append(" step by step, for ").append(request.spec().audience()).append(".\n\n")
                .append("## Summary\n\n")
                .append("This draft stood in for about ").append(lesson.estimatedMinutes()).append(" minutes of study")
                .append(request.nextLessonTitle() == null
                        ? " and closes the course."
                        : "; the next lesson is \"" + request.nextLessonTitle() + "\".")
                .append('\n');
        return text.toString();
    }

    /** Three questions; the right answer moves with the lesson's position so it is not always the first option. */
    private static List<QuizQuestion> quiz(OutlineLesson lesson, String concept, String objective) {
        return List.of(
                question(lesson, 0, "Which key concept does the lesson \"" + lesson.title() + "\" explain?", concept,
                        List.of("A concept from another course", "No concept at all", "Only the course title"),
                        "The outline lists " + concept + " as a key concept of this lesson."),
                question(lesson, 1, "What is an objective of this lesson?", objective,
                        List.of("Memorise the course title", "Skip to the last lesson", "None: lessons have no objectives"),
                        "The outline gives this as the lesson's objective."),
                question(lesson, 2, "How was this draft lesson written?", HOW_WRITTEN,
                        List.of("By a language model", "By a human author", "Translated from another course"),
                        "The offline provider writes drafts from templates and never calls a model."));
    }

    private static QuizQuestion question(OutlineLesson lesson, int index, String text, String correct, List<String> wrong,
            String explanation) {
        int correctOption = (lesson.position() + index) % 4;
        List<String> options = new ArrayList<>(wrong);
        options.add(correctOption, correct);
        return new QuizQuestion(text, List.copyOf(options), correctOption, explanation);
    }

    private static String first(List<String> values, String fallback) {
        return values.isEmpty() ? fallback : values.get(0);
    }
}
