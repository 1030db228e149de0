package io.coursegen.outline.generation;

import dev.langchain4j.model.input.PromptTemplate;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.OutlineRules;
import io.coursegen.llm.CourseLanguage;
import io.coursegen.llm.InvalidAnswerException;
import io.coursegen.llm.Prompts;
import io.coursegen.llm.StructuredChat;
import java.util.Map;

/**
 * One structured chat call, repaired once when the answer breaks the outline rules. The request travels
 * only as data inside the user prompt; the system prompt is the same for every course, and the lesson
 * count and language are our instructions outside the data. An answer still invalid after its repair
 * fails with {@link InvalidAnswerException}, whose message names the problems.
 */
final class OpenAiOutlineWriter implements OutlineWriter {

    private final StructuredChat chat;
    private final Prompts prompts;
    private final String systemPrompt = Prompts.load("outline-system").template();
    private final PromptTemplate userPrompt = Prompts.load("outline-user");

    OpenAiOutlineWriter(StructuredChat chat, Prompts prompts) {
        this.chat = chat;
        this.prompts = prompts;
    }

    @Override
    public WrittenOutline write(CourseSpec spec) {
        StructuredChat.Answer<GeneratedOutline> answer = chat.ask(systemPrompt, userPrompt(spec), GeneratedOutline.class,
                outline -> OutlineRules.problems(spec, outline.draft()));
        return new WrittenOutline(answer.value(), answer.usage());
    }

    String userPrompt(CourseSpec spec) {
        return Prompts.render(userPrompt, Map.of(
                "lessonCount", spec.lessonCount(),
                "language", CourseLanguage.of(spec.language()).described(),
                "courseRequest", prompts.data(spec)));
    }
}
