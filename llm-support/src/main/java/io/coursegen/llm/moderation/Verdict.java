package io.coursegen.llm.moderation;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The answer to {@link ContentModeration#check}: the flagged texts, each by its index in the checked list with the
 * policy's category names (the provider's own words: {@code violence}, {@code self-harm/intent}, {@code hate}, ...).
 */
public record Verdict(List<Flag> flags) {

    public static final Verdict PASSED = new Verdict(List.of());

    public Verdict {
        flags = flags.stream().sorted(Comparator.comparingInt(Flag::index)).toList();
    }

    /** @param categories sorted, at least one (a provider that flags without naming one says {@code unspecified}) */
    public record Flag(int index, List<String> categories) {

        public Flag {
            categories = categories.isEmpty() ? List.of("unspecified") : List.copyOf(new TreeSet<>(categories));
        }
    }

    public boolean flagged() {
        return !flags.isEmpty();
    }

    /** Every category of every flagged text, sorted, once each. */
    public List<String> categories() {
        return List.copyOf(flags.stream().flatMap(flag -> flag.categories().stream())
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }
}
