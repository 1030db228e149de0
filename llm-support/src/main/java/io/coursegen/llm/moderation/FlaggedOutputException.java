package io.coursegen.llm.moderation;

import java.util.List;
import java.util.Optional;

/**
 * A model's output that the content policy flagged again after it was generated once more with the categories named:
 * nothing is stored and the part fails with this message, {@code moderation: violence, hate}, as its reason. Another
 * delivery would not help (the model was already told what to avoid), so the generating services dead-letter it at
 * once ({@code coursegen.kafka.retry.not-retryable}).
 */
public class FlaggedOutputException extends RuntimeException {

    private final List<String> categories;

    public FlaggedOutputException(List<String> categories) {
        super("moderation: " + String.join(", ", categories));
        this.categories = List.copyOf(categories);
    }

    /** The first of these in a failure's cause chain (the listener container wraps what a listener throws). */
    public static Optional<FlaggedOutputException> in(Throwable failure) {
        for (Throwable current = failure; current != null;
                current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof FlaggedOutputException flagged) {
                return Optional.of(flagged);
            }
        }
        return Optional.empty();
    }

    /** The categories of the last draft, sorted. */
    public List<String> categories() {
        return categories;
    }
}
