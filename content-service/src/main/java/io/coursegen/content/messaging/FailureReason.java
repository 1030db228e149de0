package io.coursegen.content.messaging;

import io.coursegen.llm.InvalidAnswerException;

/**
 * The reason a user reads on a failed part: one short line, never a stack trace. It is the root cause's
 * message, except when the model's answer was rejected: that message says what was wrong with the
 * answer, where the root cause would only be a JSON parser's complaint.
 */
final class FailureReason {

    static final int MAX_LENGTH = 300;

    private FailureReason() {
    }

    static String of(Throwable error) {
        Throwable chosen = error;
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            chosen = current;
            if (current instanceof InvalidAnswerException) {
                break;
            }
        }
        String message = chosen.getMessage() == null || chosen.getMessage().isBlank()
                ? chosen.getClass().getSimpleName()
                : chosen.getMessage().replaceAll("\\s+", " ").strip();
        return message.length() <= MAX_LENGTH ? message : message.substring(0, MAX_LENGTH - 1) + "…";
    }
}
