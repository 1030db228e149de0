package io.coursegen.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline provider's fixed sentences in one course language: {@code classpath:offline/<name>-<tag>.properties}
 * (UTF-8), with {@code {placeholder}} slots. Each service names its own files ({@code outline-zh-TW}, ...),
 * because the local platform runs every service on one classpath where equal names would shadow each other.
 */
public final class OfflineTexts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private final String resource;
    private final Properties texts;

    private OfflineTexts(String resource, Properties texts) {
        this.resource = resource;
        this.texts = texts;
    }

    public static OfflineTexts load(String name, CourseLanguage language) {
        String resource = "/offline/" + name + "-" + language.tag() + ".properties";
        try (InputStream in = OfflineTexts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing offline texts " + resource);
            }
            Properties texts = new Properties();
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new OfflineTexts(resource, texts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text(String key) {
        String text = texts.getProperty(key);
        if (text == null) {
            throw new IllegalStateException("Missing offline text '" + key + "' in " + resource);
        }
        return text;
    }

    /**
     * The text with each {@code {name}} replaced by its value, in one pass, so a value that contains
     * braces (a topic typed by a user) is never read as a placeholder.
     */
    public String text(String key, Map<String, ?> values) {
        Matcher slot = PLACEHOLDER.matcher(text(key));
        StringBuilder filled = new StringBuilder();
        while (slot.find()) {
            if (!values.containsKey(slot.group(1))) {
                throw new IllegalStateException("No value for {" + slot.group(1) + "} in '" + key + "' of " + resource);
            }
            slot.appendReplacement(filled, Matcher.quoteReplacement(String.valueOf(values.get(slot.group(1)))));
        }
        return slot.appendTail(filled).toString();
    }

    /** Every key, so a test can check that all languages have the same ones. */
    public Set<String> keys() {
        return new TreeSet<>(texts.stringPropertyNames());
    }
}
