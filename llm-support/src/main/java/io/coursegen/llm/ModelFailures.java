package io.coursegen.llm;

import dev.langchain4j.exception.HttpException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a tenant reads about a model call the provider refused or failed: its HTTP status and an error id, never the
 * provider's own text, which can carry account details, echo the prompt or name internals. The text goes to this
 * service's log under the same id, where an operator finds it.
 */
public final class ModelFailures {

    private static final Logger log = LoggerFactory.getLogger(ModelFailures.class);

    private ModelFailures() {
    }

    /** "the model server answered HTTP 500 (error id 1a2b3c4d)" if the chain holds the provider's answer. */
    public static Optional<String> describe(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof HttpException http) {
                String errorId = UUID.randomUUID().toString().substring(0, 8);
                log.warn("Model server error {}: HTTP {}: {}", errorId, http.statusCode(), http.getMessage());
                return Optional.of("the model server answered HTTP " + http.statusCode() + " (error id " + errorId + ")");
            }
        }
        return Optional.empty();
    }

    /** {@code otherwise}, unless the failure is the provider's answer: then {@link #describe} without its text. */
    public static Function<Throwable, String> hidingProviderText(Function<Throwable, String> otherwise) {
        return error -> describe(error).map(reason -> "The model call failed: " + reason).orElseGet(() -> otherwise.apply(error));
    }
}
