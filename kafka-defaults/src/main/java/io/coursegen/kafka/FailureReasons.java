package io.coursegen.kafka;

import java.util.function.Function;

/**
 * The reason a user reads on a failed course part: one short line, never a stack trace. By default the
 * root cause's message; a service whose own exception says it better prefers that exception's message.
 */
public final class FailureReasons {

    public static final int MAX_LENGTH = 300;

    private FailureReasons() {
    }

    /** The root cause's message (its type when it has none), on one line of at most {@value #MAX_LENGTH} characters. */
    public static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return oneLine(messageOf(root));
    }

    /**
     * The message of the first exception of {@code type} in the chain, else the root cause's: for
     * exceptions that explain the failure better than what they wrap (a model's rejected answer, say,
     * rather than the JSON parser's complaint).
     */
    public static Function<Throwable, String> preferring(Class<? extends Throwable> type) {
        return error -> {
            for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
                if (type.isInstance(current)) {
                    return oneLine(messageOf(current));
                }
            }
            return rootCause(error);
        };
    }

    public static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static String messageOf(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
