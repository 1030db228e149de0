package io.coursegen.llm.moderation;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output moderation, one rule for every generating service: a model's output is checked before it is stored; a
 * flagged one is generated once more, told which categories the first draft was flagged for; flagged again, it fails
 * with {@link FlaggedOutputException}. Never a third try: a model that wrote the same thing twice after being told is
 * not going to be talked out of it, and every try is paid for.
 *
 * <p>A check that cannot be answered ({@link ModerationUnavailableException}) is thrown as it is: the caller's Kafka
 * listener throws, and the shared error handler retries the request later like a model outage. Output is never
 * passed unchecked, and an outage does not fail a course the way a flag does.
 */
public final class ModeratedOutput {

    private static final Logger log = LoggerFactory.getLogger(ModeratedOutput.class);

    private final ContentModeration moderation;

    public ModeratedOutput(ContentModeration moderation) {
        this.moderation = moderation;
    }

    /**
     * @param generate   makes the output; its argument is the categories the previous draft was flagged for, empty on
     *                   the first try
     * @param texts      the output's texts the policy is asked about
     * @param withCostOf the accepted output with the flagged draft's cost added ({@code (accepted, flagged) -> ...})
     * @param what       names the output in the log ({@code lesson lesson-01 of course 41293b85-...})
     * @throws FlaggedOutputException when the second draft is flagged too
     */
    public <T> T generate(Function<List<String>, T> generate, Function<T, List<String>> texts,
            BinaryOperator<T> withCostOf, String what) {
        T first = generate.apply(List.of());
        Verdict verdict = moderation.check(texts.apply(first));
        if (!verdict.flagged()) {
            return first;
        }
        log.warn("The content policy flagged {} ({}): generating it once more, told to avoid that", what,
                String.join(", ", verdict.categories()));
        T second = generate.apply(verdict.categories());
        Verdict again = moderation.check(texts.apply(second));
        if (again.flagged()) {
            log.warn("The content policy flagged {} again ({}): not stored, the part fails", what,
                    String.join(", ", again.categories()));
            throw new FlaggedOutputException(again.categories());
        }
        return withCostOf.apply(second, first);
    }
}
