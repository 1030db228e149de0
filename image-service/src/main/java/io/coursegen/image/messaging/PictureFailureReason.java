package io.coursegen.image.messaging;

import dev.langchain4j.exception.HttpException;
import io.coursegen.kafka.FailureReasons;
import io.coursegen.llm.InvalidAnswerException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which step of a picture failed and the innermost cause, e.g. "Drawing the picture failed: the model
 * server answered HTTP 500: The server had an error", or, for a plan the model got wrong twice, what was
 * wrong with it; the listener-container wrappers in between say nothing useful.
 */
final class PictureFailureReason {

    private final JsonMapper json;

    PictureFailureReason(JsonMapper json) {
        this.json = json;
    }

    String of(Throwable cause) {
        String step = "The picture could not be generated";
        InvalidAnswerException invalidAnswer = null;
        Throwable root = cause;
        while (true) {
            if (root instanceof PictureStepException) {
                step = root.getMessage();
            }
            if (invalidAnswer == null && root instanceof InvalidAnswerException invalid) {
                invalidAnswer = invalid;
            }
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        // a rejected plan says what was wrong with it; the JSON parser beneath it would only say where
        return FailureReasons.oneLine(step + ": " + (invalidAnswer != null ? invalidAnswer.getMessage() : describe(root)));
    }

    private String describe(Throwable root) {
        if (root instanceof HttpException http) {
            return "the model server answered HTTP " + http.statusCode() + ": " + errorMessage(http.getMessage());
        }
        return root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getSimpleName() : root.getMessage().strip();
    }

    /** OpenAI-style servers explain errors in {@code {"error": {"message": ...}}}; others send whatever they like. */
    private String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no explanation)";
        }
        try {
            String message = json.readTree(body).path("error").path("message").asString("");
            return message.isBlank() ? body.strip() : message;
        } catch (JacksonException e) {
            return body.strip();
        }
    }
}
