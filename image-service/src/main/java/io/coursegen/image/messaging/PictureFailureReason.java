package io.coursegen.image.messaging;

import io.coursegen.kafka.FailureReasons;
import io.coursegen.llm.InvalidAnswerException;
import io.coursegen.llm.ModelFailures;
import io.coursegen.llm.moderation.FlaggedOutputException;

/**
 * Which step of a picture failed and the innermost cause, e.g. "Drawing the picture failed: the model
 * server answered HTTP 500 (error id 1a2b3c4d)" (the provider's text is logged under that id, not shown), or, for a
 * plan the model got wrong twice, what was wrong with it; the listener-container wrappers in between say nothing
 * useful. A plan the content policy flagged twice is {@code moderation: <categories>}, the same words in every
 * service.
 */
final class PictureFailureReason {

    String of(Throwable cause) {
        var flagged = FlaggedOutputException.in(cause);
        if (flagged.isPresent()) {
            return flagged.get().getMessage();
        }
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

    private static String describe(Throwable root) {
        // the provider's own text goes to the log under an error id, never to the tenant
        return ModelFailures.describe(root).orElseGet(() -> root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getSimpleName() : root.getMessage().strip());
    }
}
