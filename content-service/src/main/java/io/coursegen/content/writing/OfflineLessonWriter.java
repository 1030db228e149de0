package io.coursegen.content.writing;

import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.Lesson.QuizQuestion;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.CourseLanguage;
import io.coursegen.llm.LlmProvider;
import io.coursegen.llm.OfflineModel;
import io.coursegen.llm.OfflineTexts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A lesson from a fixed template ({@code offline/lesson-<language>.properties}), without any model: same
 * request, same lesson. It says plainly, in the course language, that it is an offline draft, and it has
 * the shape the OpenAI writer produces (and passes the same rules), so the rest of the pipeline and the
 * console show a complete course. Written as an {@link OfflineModel} chat call: simulated latency, capacity
 * limits and a span. A template cannot be told what to avoid: a draft flagged once is written the same
 * again (and so fails), which is what a test of the moderation path needs.
 */
final class OfflineLessonWriter implements LessonWriter {

    private static final Usage USAGE = new Usage(LlmProvider.OFFLINE.id(), LlmProvider.OFFLINE.id(), 0, 0, 0, 0);

    private final OfflineModel model;
    private final Map<CourseLanguage, OfflineTexts> texts = new EnumMap<>(CourseLanguage.class);

    OfflineLessonWriter(OfflineModel model) {
        this.model = model;
        Arrays.stream(CourseLanguage.values()).forEach(language -> texts.put(language, OfflineTexts.load("lesson", language)));
    }

    @Override
    public WrittenLesson write(LessonRequested request, List<String> flaggedCategories) {
        OfflineTexts text = texts.get(CourseLanguage.of(request.spec().language()));
        return model.chat(() -> draft(text, request));
    }

    private static WrittenLesson draft(OfflineTexts text, LessonRequested request) {
        OutlineLesson lesson = request.lesson();
        String concept = first(lesson.keyConcepts(), lesson.title());
        String objective = first(lesson.objectives(), text.text("objective.fallback", Map.of("title", lesson.title())));
        List<String> takeaways = List.of(
                text.text("takeaway.concept", Map.of("title", lesson.title(), "concept", concept)),
                text.text("takeaway.objective", Map.of("objective", objective)),
                text.text("takeaway.offline"));
        List<QuizQuestion> quiz = request.spec().includeQuiz() ? quiz(text, lesson, concept, objective) : List.of();
        return new WrittenLesson(new Lesson(lesson.title(), markdown(text, request, concept), takeaways, quiz), USAGE);
    }

    private static String markdown(OfflineTexts text, LessonRequested request, String concept) {
        OutlineLesson lesson = request.lesson();
        Map<String, Object> place = request.previousLessonTitle() == null
                ? Map.of("position", lesson.position(), "course", String.valueOf(request.courseTitle()))
                : Map.of("position", lesson.position(), "course", String.valueOf(request.courseTitle()),
                        "previous", request.previousLessonTitle());
        StringBuilder markdown = new StringBuilder()
                .append("> ").append(text.text("notice", Map.of("label", text.text("label")))).append("\n\n");
        if (request.revision() != null) {
            // a regenerated draft differs visibly from the one it replaces (the owner's instructions stay unread)
            markdown.append("> ").append(text.text("notice.revision",
                    Map.of("label", text.text("label"), "revision", request.revision()))).append("\n\n");
        }
        markdown
                .append("## ").append(text.text("heading.introduction")).append("\n\n")
                .append(text.text(request.previousLessonTitle() == null ? "intro.first" : "intro.following", place))
                .append("\n\n").append(lesson.summary()).append("\n\n")
                .append("## ").append(text.text("heading.explanation")).append("\n\n")
                .append(text.text("explanation.concepts")).append("\n\n");
        lesson.keyConcepts().forEach(keyConcept -> markdown.append("- ").append(keyConcept).append('\n'));
        markdown.append('\n').append(text.text("explanation.objectives")).append("\n\n");
        lesson.objectives().forEach(objective -> markdown.append("- ").append(objective).append('\n'));
        markdown.append("\n## ").append(text.text("heading.example")).append("\n\n")
                .append(text.text("example", Map.of("concept", concept, "audience", String.valueOf(request.spec().audience()))))
                .append("\n\n## ").append(text.text("heading.summary")).append("\n\n")
                .append(request.nextLessonTitle() == null
                        ? text.text("summary.last", Map.of("minutes", lesson.estimatedMinutes()))
                        : text.text("summary.next", Map.of("minutes", lesson.estimatedMinutes(), "next", request.nextLessonTitle())))
                .append('\n');
        return markdown.toString();
    }

    /** Three questions; the right answer moves with the lesson's position so it is not always the first option. */
    private static List<QuizQuestion> quiz(OfflineTexts text, OutlineLesson lesson, String concept, String objective) {
        return List.of(
                question(text, lesson, 0, "concept", text.text("quiz.concept.question", Map.of("title", lesson.title())),
                        concept, text.text("quiz.concept.explanation", Map.of("concept", concept))),
                question(text, lesson, 1, "objective", text.text("quiz.objective.question"), objective,
                        text.text("quiz.objective.explanation")),
                question(text, lesson, 2, "offline", text.text("quiz.offline.question"), text.text("quiz.offline.correct"),
                        text.text("quiz.offline.explanation")));
    }

    private static QuizQuestion question(OfflineTexts text, OutlineLesson lesson, int index, String kind, String question,
            String correct, String explanation) {
        int correctOption = (lesson.position() + index) % 4;
        List<String> options = new ArrayList<>(List.of(text.text("quiz." + kind + ".wrong.1"),
                text.text("quiz." + kind + ".wrong.2"), text.text("quiz." + kind + ".wrong.3")));
        options.add(correctOption, correct);
        return new QuizQuestion(question, List.copyOf(options), correctOption, explanation);
    }

    private static String first(List<String> values, String fallback) {
        return values.isEmpty() ? fallback : values.get(0);
    }
}
