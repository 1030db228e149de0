package io.coursegen.llm;

/**
 * The kinds of model call, each with its own limits and meters: a provider's quotas are per model, and a
 * service's chat and image calls use two. The id is also the span's {@code gen_ai.operation.name}.
 */
public enum CallType {
    CHAT("chat"), IMAGE("image");

    private final String id;

    CallType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
