package io.coursegen.storage.export;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The few words an export adds around the course's own text ("Quiz", "Show answer", ...), in the course's
 * language, so a page in {@code zh-TW} does not mix in English a screen reader would read with the wrong voice.
 * Bundles {@code labels*.properties} beside this class cover the languages the gateway accepts; any other falls
 * back to English, never to the server's default locale.
 */
final class Labels {

    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;

    private Labels(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    static Labels forLanguage(String languageTag) {
        return new Labels(ResourceBundle.getBundle(Labels.class.getPackageName() + ".labels",
                Locale.forLanguageTag(languageTag), Labels.class.getClassLoader(), NO_DEFAULT_LOCALE));
    }

    String contents() {
        return bundle.getString("contents");
    }

    String objectives() {
        return bundle.getString("objectives");
    }

    String prerequisites() {
        return bundle.getString("prerequisites");
    }

    String keyTakeaways() {
        return bundle.getString("key-takeaways");
    }

    String quiz() {
        return bundle.getString("quiz");
    }

    String answers() {
        return bundle.getString("answers");
    }

    String showAnswer() {
        return bundle.getString("show-answer");
    }

    String correctAnswer() {
        return bundle.getString("correct-answer");
    }

    String checkAnswers() {
        return bundle.getString("check-answers");
    }

    String correct() {
        return bundle.getString("correct");
    }

    String incorrect() {
        return bundle.getString("incorrect");
    }

    /** With {@code {correct}}, {@code {total}} and {@code {score}} for the page's script to fill in. */
    String result() {
        return bundle.getString("result");
    }
}
