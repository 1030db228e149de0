package io.coursegen.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** The provider's own words stay in the log: a tenant reads the status and an error id. */
class ModelFailuresTest {

    private static final String PROVIDER_TEXT = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-abc***xyz. "
            + "Organization org-internal-42\"}}";

    @Test
    void aProviderErrorIsDescribedByItsStatusAndAnErrorIdWithoutItsText() {
        RuntimeException failure = new IllegalStateException("listener failed",
                new InvalidRequestException(new HttpException(401, PROVIDER_TEXT)));

        String reason = ModelFailures.hidingProviderText(error -> "fallback").apply(failure);

        assertThat(reason).matches("The model call failed: the model server answered HTTP 401 \\(error id [0-9a-f]{8}\\)")
                .doesNotContain("sk-proj", "org-internal", "Incorrect API key");
    }

    @Test
    void otherFailuresKeepTheirOwnReason() {
        assertThat(ModelFailures.hidingProviderText(error -> "fallback: " + error.getMessage())
                .apply(new IllegalArgumentException("no lessonId"))).isEqualTo("fallback: no lessonId");
    }
}
