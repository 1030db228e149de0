package io.coursegen.content.writing;

import dev.langchain4j.model.input.PromptTemplate;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.llm.InvalidAnswerException;
import io.coursegen.llm.Prompts;
import io.coursegen.llm.StructuredChat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One structured chat call per lesson. The lesson brief travels only as data inside the user prompt; the
 * system prompt is the same for every lesson. Whether to write a quiz is our instruction, outside the
 * data; a quiz the model writes anyway for a course without quizzes is dropped. An answer that breaks
 * the lesson rules is rejected with {@link InvalidAnswerException}, so the record is retried and finally
 * dead-lettered.
 */
final class OpenAiLessonWriter implements LessonWriter {

    private final StructuredChat chat;
    private final Prompts prompts;
    private final LessonValidator validator;
    private final JsonMapper json;
    private final String systemPrompt = Prompts.load("lesson-system").template();
    private final PromptTemplate userPrompt = Prompts.load("lesson-user");
    private final String withQuiz = Prompts.load("lesson-quiz").template();
    private final String withoutQuiz = Prompts.load("lesson-no-quiz").template();

    OpenAiLessonWriter(StructuredChat chat, Prompts prompts, LessonValidator validator, JsonMapper json) {
        this.chat = chat;
        this.prompts = prompts;
        this.validator = validator;
        this.json = json;
    }

    @Override
    public WrittenLesson write(LessonRequested request) {
        boolean includeQuiz = request.spec().includeQuiz();
        String user = Prompts.render(userPrompt, Map.of(
                "lessonBrief", prompts.data(LessonBrief.of(request)),
                "quizInstruction", includeQuiz ? withQuiz : withoutQuiz));
        StructuredChat.Answer<GeneratedLesson> answer = chat.ask(systemPrompt, user, GeneratedLesson.class);
        Lesson lesson = (includeQuiz ? answer.value() : answer.value().withoutQuiz()).toLesson(request.lesson().title());
        List<String> problems = validator.problems(includeQuiz, lesson);
        if (!problems.isEmpty()) {
            throw new InvalidAnswerException("The model's lesson breaks the rules: " + String.join("; ", problems),
                    json.writeValueAsString(answer.value()), null);
        }
        return new WrittenLesson(lesson, answer.usage());
    }
}
