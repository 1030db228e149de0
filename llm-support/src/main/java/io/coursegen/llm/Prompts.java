package io.coursegen.llm;

import dev.langchain4j.model.input.PromptTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prompts are versioned resources ({@code prompts/*.md}) with {@code {{variables}}}. User-supplied text
 * enters only through {@link #data(Object)}: as JSON inside a delimited block that the prompt tells the
 * model to treat as data.
 */
public final class Prompts {

    private final JsonMapper json;

    public Prompts(JsonMapper json) {
        this.json = json;
    }

    /** Loads {@code classpath:prompts/<name>.md}. */
    public static PromptTemplate load(String name) {
        String resource = "/prompts/" + name + ".md";
        try (InputStream in = Prompts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing prompt resource " + resource);
            }
            return PromptTemplate.from(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String render(PromptTemplate template, Map<String, Object> variables) {
        return template.apply(variables).text();
    }

    /**
     * The value as pretty JSON with {@code <} and {@code >} escaped, so user text cannot close the
     * delimiting tag around it and pose as instructions.
     */
    public String data(Object value) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(value)
                .replace("<", "\\u003c")
                .replace(">", "\\u003e");
    }
}
