package io.coursegen.llm;

import java.util.Arrays;
import java.util.Locale;

public enum LlmProvider {
    OPENAI("openai"), OFFLINE("offline");

    private final String id;

    LlmProvider(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static LlmProvider parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "coursegen.llm.provider (COURSEGEN_LLM_PROVIDER) must be 'openai' or 'offline', not '" + value + "'"));
    }
}
