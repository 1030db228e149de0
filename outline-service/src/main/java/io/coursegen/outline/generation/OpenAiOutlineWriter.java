package io.coursegen.outline.generation;

import dev.langchain4j.model.input.PromptTemplate;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.llm.InvalidAnswerException;
import io.coursegen.llm.Prompts;
import io.coursegen.llm.StructuredChat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One structured chat call. The request travels only as data inside the user prompt; the system prompt
 * is the same for every course. An answer that breaks the outline rules is rejected with
 * {@link InvalidAnswerException}, so the record is retried and finally dead-lettered.
 */
final class OpenAiOutlineWriter implements OutlineWriter {

    private final StructuredChat chat;
    private final Prompts prompts;
    private final OutlineValidator validator;
    private final JsonMapper json;
    private final String systemPrompt = Prompts.load("outline-system").template();
    private final PromptTemplate userPrompt = Prompts.load("outline-user");

    OpenAiOutlineWriter(StructuredChat chat, Prompts prompts, OutlineValidator validator, JsonMapper json) {
        this.chat = chat;
        this.prompts = prompts;
        this.validator = validator;
        this.json = json;
    }

    @Override
    public WrittenOutline write(CourseSpec spec) {
        String user = Prompts.render(userPrompt, Map.of(
                "lessonCount", spec.lessonCount(),
                "courseRequest", prompts.data(spec)));
        StructuredChat.Answer<GeneratedOutline> answer = chat.ask(systemPrompt, user, GeneratedOutline.class);
        List<String> problems = validator.problems(spec, answer.value());
        if (!problems.isEmpty()) {
            throw new InvalidAnswerException("The model's outline breaks the rules: " + String.join("; ", problems),
                    json.writeValueAsString(answer.value()), null);
        }
        return new WrittenOutline(answer.value(), answer.usage());
    }
}
