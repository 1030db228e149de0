package io.coursegen.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.coursegen.contracts.Usage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the chat model for an answer shaped like a Java record, using OpenAI structured outputs: the
 * JSON Schema is generated from the record and sent as {@code response_format} with {@code strict: true}.
 */
public class StructuredChat {

    /** The model's answer and what it cost. */
    public record Answer<T>(T value, Usage usage) {
    }

    private final ChatModel model;
    private final String modelName;
    private final JsonMapper json;
    private final Map<Class<?>, ResponseFormat> formats = new ConcurrentHashMap<>();

    public StructuredChat(ChatModel model, String modelName, JsonMapper json) {
        this.model = model;
        this.modelName = modelName;
        this.json = json;
    }

    /**
     * @throws InvalidAnswerException when the answer is not JSON of the requested shape
     */
    public <T> Answer<T> ask(String systemPrompt, String userPrompt, Class<T> answerType) {
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(systemPrompt), UserMessage.from(userPrompt))
                .responseFormat(formats.computeIfAbsent(answerType, StructuredChat::formatFor))
                .build();
        ChatResponse response = model.chat(request);
        String text = response.aiMessage().text();
        Usage usage = usageOf(response.tokenUsage());
        try {
            T value = json.readValue(text, answerType);
            if (value == null) {
                throw new InvalidAnswerException("The model's answer was empty", text, null);
            }
            return new Answer<>(value, usage);
        } catch (JacksonException e) {
            throw new InvalidAnswerException("The model's answer is not a valid " + answerType.getSimpleName()
                    + ": " + e.getOriginalMessage(), text, e);
        }
    }

    private Usage usageOf(TokenUsage tokens) {
        long in = tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount();
        long out = tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount();
        return new Usage(LlmProvider.OPENAI.id(), modelName, 1, in, out, 0);
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
