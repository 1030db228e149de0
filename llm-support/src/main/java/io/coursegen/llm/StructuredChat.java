package io.coursegen.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.input.PromptTemplate;
import dev.langchain4j.model.output.TokenUsage;
import io.coursegen.contracts.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the chat model for an answer shaped like a Java record, using OpenAI structured outputs: the
 * JSON Schema is generated from the record and sent as {@code response_format} with {@code strict: true}.
 * An answer that does not parse, or that breaks the caller's rules, gets exactly one repair call: the same
 * conversation, the model's answer, and the list of problems ({@code prompts/repair.md}). A model usually
 * fixes what it is told about, and one repair costs less than redoing the part; a second invalid answer
 * fails the part, since more attempts rarely help and never-ending spend would.
 */
public class StructuredChat {

    /** The model's answer and what it cost (both calls when it was repaired). */
    public record Answer<T>(T value, Usage usage) {
    }

    private static final Logger log = LoggerFactory.getLogger(StructuredChat.class);

    private final ChatModel model;
    private final String modelName;
    private final JsonMapper json;
    private final PromptTemplate repairPrompt = Prompts.load("repair");
    private final Map<Class<?>, ResponseFormat> formats = new ConcurrentHashMap<>();

    public StructuredChat(ChatModel model, String modelName, JsonMapper json) {
        this.model = model;
        this.modelName = modelName;
        this.json = json;
    }

    /**
     * An answer of the requested shape, repaired once if it does not parse.
     *
     * @throws InvalidAnswerException when the repaired answer does not parse either
     */
    public <T> Answer<T> ask(String systemPrompt, String userPrompt, Class<T> answerType) {
        return ask(systemPrompt, userPrompt, answerType, value -> List.of());
    }

    /**
     * An answer of the requested shape that the validator accepts, repaired once if it does not.
     *
     * @param validator every rule the parsed answer breaks, in words a model can act on; empty when it is valid
     * @throws InvalidAnswerException when the repaired answer still does not parse or still has problems;
     *                                its message names them
     */
    public <T> Answer<T> ask(String systemPrompt, String userPrompt, Class<T> answerType,
            Function<T, List<String>> validator) {
        ResponseFormat format = formats.computeIfAbsent(answerType, StructuredChat::formatFor);
        List<ChatMessage> conversation = new ArrayList<>(List.of(SystemMessage.from(systemPrompt), UserMessage.from(userPrompt)));
        ChatResponse first = model.chat(ChatRequest.builder().messages(conversation).responseFormat(format).build());
        Judged<T> judged = judge(first, answerType, validator);
        if (judged.problems().isEmpty()) {
            return new Answer<>(judged.value(), usageOf(first.tokenUsage()));
        }
        log.info("The model's {} has {} problem(s); asking for one repair: {}", answerType.getSimpleName(),
                judged.problems().size(), String.join("; ", judged.problems()));

        conversation.add(AiMessage.from(judged.text()));
        conversation.add(UserMessage.from(Prompts.render(repairPrompt, Map.of("problems", bulleted(judged.problems())))));
        ChatResponse second = model.chat(ChatRequest.builder().messages(conversation).responseFormat(format).build());
        Usage usage = sum(usageOf(first.tokenUsage()), usageOf(second.tokenUsage()));
        Judged<T> repaired = judge(second, answerType, validator);
        if (repaired.problems().isEmpty()) {
            return new Answer<>(repaired.value(), usage);
        }
        log.debug("The model's repaired {} is still invalid: {}", answerType.getSimpleName(), repaired.text());
        throw new InvalidAnswerException("The model's " + answerType.getSimpleName() + " was invalid, also after a repair: "
                + String.join("; ", repaired.problems()), repaired.text(), repaired.problems(), repaired.cause());
    }

    /** A parsed answer and its problems; {@code value} is null when the text did not parse. */
    private record Judged<T>(String text, T value, List<String> problems, Throwable cause) {
    }

    private <T> Judged<T> judge(ChatResponse response, Class<T> answerType, Function<T, List<String>> validator) {
        String text = response.aiMessage().text() == null ? "" : response.aiMessage().text();
        if (text.isBlank()) {
            return new Judged<>(text, null, List.of("the answer is empty"), null);
        }
        T value;
        try {
            value = json.readValue(text, answerType);
        } catch (JacksonException e) {
            return new Judged<>(text, null, List.of("the answer is not valid JSON of the requested schema: "
                    + withoutLocation(e.getOriginalMessage())), e);
        }
        if (value == null) {
            return new Judged<>(text, null, List.of("the answer is empty"), null);
        }
        return new Judged<>(text, value, List.copyOf(validator.apply(value)), null);
    }

    /** The parser's complaint without the "(start marker at [Source: ...])" noise, which helps neither model nor user. */
    private static String withoutLocation(String message) {
        String firstLine = message == null ? "" : message.lines().findFirst().orElse("");
        int location = firstLine.indexOf(" (start marker at");
        return (location < 0 ? firstLine : firstLine.substring(0, location)).strip();
    }

    private static String bulleted(List<String> problems) {
        return problems.stream().map(problem -> "- " + problem).collect(Collectors.joining("\n"));
    }

    private Usage usageOf(TokenUsage tokens) {
        long in = tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount();
        long out = tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount();
        return new Usage(LlmProvider.OPENAI.id(), modelName, 1, in, out, 0);
    }

    private static Usage sum(Usage a, Usage b) {
        return new Usage(a.provider(), a.model(), a.calls() + b.calls(), a.promptTokens() + b.promptTokens(),
                a.completionTokens() + b.completionTokens(), a.images() + b.images());
    }

    private static ResponseFormat formatFor(Class<?> answerType) {
        return ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder()
                        .name(answerType.getSimpleName())
                        .rootElement(JsonSchemaElementUtils.jsonSchemaElementFrom(answerType))
                        .build())
                .build();
    }
}
