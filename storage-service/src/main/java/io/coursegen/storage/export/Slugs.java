package io.coursegen.storage.export;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * File names from titles: ASCII letters and digits, lowercase, words joined by hyphens ({@code Café crème, 101}
 * becomes {@code cafe-creme-101}). Accents are dropped rather than the letters; a title with no Latin letters or
 * digits at all (e.g. {@code 量子計算入門}) has no slug, and callers fall back to an id.
 */
final class Slugs {

    static final int MAX_LENGTH = 60;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
    /** Latin letters that Unicode decomposition leaves alone. */
    private static final Map<String, String> LIGATURES = Map.of("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "ł", "l",
            "đ", "d", "þ", "th");

    private Slugs() {
    }

    /** The slug of {@code text}, or an empty string when it has no Latin letters or digits. */
    static String of(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> ligature : LIGATURES.entrySet()) {
            lower = lower.replace(ligature.getKey(), ligature.getValue());
        }
        String ascii = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFKD)).replaceAll("");
        String slug = trimHyphens(NOT_ALPHANUMERIC.matcher(ascii).replaceAll("-"));
        return slug.length() <= MAX_LENGTH ? slug : trimHyphens(slug.substring(0, MAX_LENGTH));
    }

    /** The slug of {@code text}, else of {@code fallback}, else {@code lastResort}. */
    static String of(String text, String fallback, String lastResort) {
        String slug = of(text);
        if (slug.isEmpty()) {
            slug = of(fallback);
        }
        return slug.isEmpty() ? lastResort : slug;
    }

    private static String trimHyphens(String slug) {
        int start = 0;
        int end = slug.length();
        while (start < end && slug.charAt(start) == '-') {
            start++;
        }
        while (end > start && slug.charAt(end - 1) == '-') {
            end--;
        }
        return slug.substring(start, end);
    }
}
