package io.coursegen.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The languages a course can be written in (BCP 47 tags, the same list the gateway accepts). Prompts name
 * the language by tag and English name, as our instruction outside the user's data, because a bare tag
 * such as {@code zh-TW} is easy for a model to read as "some Chinese"; the offline provider picks its
 * labelled drafts by it.
 */
public enum CourseLanguage {
    EN("en", "English"),
    ZH_TW("zh-TW", "Traditional Chinese, Taiwan"),
    ZH_CN("zh-CN", "Simplified Chinese, mainland China"),
    JA("ja", "Japanese"),
    ES("es", "Spanish"),
    FR("fr", "French"),
    DE("de", "German");

    private final String tag;
    private final String englishName;

    CourseLanguage(String tag, String englishName) {
        this.tag = tag;
        this.englishName = englishName;
    }

    public String tag() {
        return tag;
    }

    public String englishName() {
        return englishName;
    }

    /** How a prompt names the language, e.g. {@code zh-TW (Traditional Chinese, Taiwan)}. */
    public String described() {
        return tag + " (" + englishName + ")";
    }

    /** Every supported tag, comma-separated, for messages. */
    public static String supportedTags() {
        return Arrays.stream(values()).map(CourseLanguage::tag).collect(Collectors.joining(", "));
    }

    /**
     * The language a tag names, ignoring case ({@code zh-tw} is {@code zh-TW}); no tag means English, the
     * request's default. Another tag is refused rather than passed to a model: the tag would otherwise
     * enter our instructions unchecked, and the offline drafts exist only for these languages.
     *
     * @throws UnsupportedLanguageException for any other tag
     */
    public static CourseLanguage of(String tag) {
        if (tag == null || tag.isBlank()) {
            return EN;
        }
        String wanted = tag.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(language -> language.tag.toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new UnsupportedLanguageException(tag));
    }

    /** A course asked for a language no prompt or offline draft exists for. */
    public static class UnsupportedLanguageException extends IllegalArgumentException {

        UnsupportedLanguageException(String tag) {
            super("The course language \"" + (tag.length() > 20 ? tag.substring(0, 20) + "…" : tag)
                    + "\" is not supported; supported are " + supportedTags());
        }
    }
}
