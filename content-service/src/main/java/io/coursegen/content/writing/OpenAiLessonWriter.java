package io.coursegen.content.writing;

import dev.langchain4j.model.input.PromptTemplate;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.LessonRules;
import io.coursegen.llm.CourseLanguage;
import io.coursegen.llm.InvalidAnswerException;
import io.coursegen.llm.Prompts;
import io.coursegen.llm.StructuredChat;
import java.util.List;
import java.util.Map;

/**
 * One structured chat call per lesson, repaired once when the answer breaks the lesson rules. The lesson
 * brief travels only as data inside the user prompt; the system prompt is the same for every lesson.
 * Whether to write a quiz and the language are our instructions, outside the data; a quiz the model writes
 * anyway for a course without quizzes is dropped. An answer still invalid after its repair fails with
 * {@link InvalidAnswerException}, whose message names the problems.
 */
final class OpenAiLessonWriter implements LessonWriter {

    private final StructuredChat chat;
    private final Prompts prompts;
    private final String systemPrompt = Prompts.load("lesson-system").template();
    private final PromptTemplate userPrompt = Prompts.load("lesson-user");
    private final String withQuiz = Prompts.load("lesson-quiz").template();
    private final String withoutQuiz = Prompts.load("lesson-no-quiz").template();
    private final PromptTemplate regeneration = Prompts.load("lesson-regeneration");
    private final PromptTemplate flagged = Prompts.load("lesson-flagged");

    OpenAiLessonWriter(StructuredChat chat, Prompts prompts) {
        this.chat = chat;
        this.prompts = prompts;
    }

    @Override
    public WrittenLesson write(LessonRequested request, List<String> flaggedCategories) {
        boolean includeQuiz = request.spec().includeQuiz();
        String title = request.lesson().title();
        StructuredChat.Answer<GeneratedLesson> answer = chat.ask(systemPrompt, userPrompt(request, flaggedCategories),
                GeneratedLesson.class,
                generated -> LessonRules.problems(includeQuiz, asPublished(generated, includeQuiz, title)));
        return new WrittenLesson(asPublished(answer.value(), includeQuiz, title), answer.usage());
    }

    String userPrompt(LessonRequested request) {
        return userPrompt(request, List.of());
    }

    /**
     * The owner's instructions for a regenerated lesson follow the brief in their own block, only when given; the
     * categories a flagged draft broke follow last, as our instruction (they are the moderation provider's category
     * names, never user text).
     */
    String userPrompt(LessonRequested request, List<String> flaggedCategories) {
        String prompt = Prompts.render(userPrompt, Map.of(
                "lessonBrief", prompts.data(LessonBrief.of(request)),
                "quizInstruction", request.spec().includeQuiz() ? withQuiz : withoutQuiz,
                "language", CourseLanguage.of(request.spec().language()).described()));
        if (request.instructions() != null && !request.instructions().isBlank()) {
            prompt = prompt + "\n\n" + Prompts.render(regeneration, Map.of(
                    "instructions", prompts.data(request.instructions())));
        }
        if (flaggedCategories.isEmpty()) {
            return prompt;
        }
        return prompt + "\n\n" + Prompts.render(flagged, Map.of("categories", String.join(", ", flaggedCategories)));
    }

    private static Lesson asPublished(GeneratedLesson generated, boolean includeQuiz, String title) {
        return (includeQuiz ? generated : generated.withoutQuiz()).toLesson(title);
    }
}
