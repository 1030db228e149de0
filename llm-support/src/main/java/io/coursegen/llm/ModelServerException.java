package io.coursegen.llm;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/** A non-2xx answer from the model server, with the {@code Retry-After} it asked for, if any. */
public class ModelServerException extends HttpException {

    private final Duration retryAfter;

    public ModelServerException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
