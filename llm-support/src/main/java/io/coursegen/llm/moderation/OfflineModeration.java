package io.coursegen.llm.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The offline provider's content policy: a small word list, each term under a category, matched case-insensitively
 * as a whole word or phrase ({@code "massacre"} flags "A massacre, retold" but not "massacres" or "premassacre").
 * Deterministic and local, so tests and the local platform exercise refusals without a network. It is a stand-in,
 * not a policy: the real one is the provider's ({@link OpenAiModeration}).
 */
public final class OfflineModeration implements ContentModeration {

    /** The default list ({@code coursegen.moderation.offline-terms} replaces it whole): few, and unlikely in a course. */
    public static final Map<String, List<String>> DEFAULT_TERMS = Map.of(
            "violence", List.of("massacre", "behead", "torture"),
            "self-harm", List.of("self-harm", "kill myself", "suicide method"),
            "hate", List.of("ethnic cleansing", "racial slur"));

    private record Term(Pattern pattern, String category) {
    }

    private final List<Term> terms = new ArrayList<>();

    /** @param termsByCategory category name to its terms; a blank term is ignored */
    public OfflineModeration(Map<String, List<String>> termsByCategory) {
        termsByCategory.forEach((category, words) -> words.stream()
                .map(String::strip)
                .filter(word -> !word.isEmpty())
                .forEach(word -> terms.add(new Term(wholeWord(word), category.strip().toLowerCase(Locale.ROOT)))));
    }

    @Override
    public Verdict check(List<String> texts) {
        List<Verdict.Flag> flags = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                continue;
            }
            List<String> categories = terms.stream().filter(term -> term.pattern().matcher(text).find())
                    .map(Term::category).distinct().toList();
            if (!categories.isEmpty()) {
                flags.add(new Verdict.Flag(i, categories));
            }
        }
        return new Verdict(flags);
    }

    /** Not inside a longer word: no letter or digit right before or after; inner spaces match any whitespace. */
    private static Pattern wholeWord(String word) {
        String inner = String.join("\\s+", java.util.Arrays.stream(word.split("\\s+")).map(Pattern::quote).toList());
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + inner + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
