package io.coursegen.storage.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * Pieces of HTML both the HTML page and the SCORM lessons are made of. Every text passes through {@link #escape},
 * in element content and in attribute values alike, because all of it came from a user or a language model.
 */
final class HtmlParts {

    private HtmlParts() {
    }

    /** {@code < > & " '} as character references; safe in content and in quoted attribute values. */
    static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    /** A picture with its caption below; {@code fallbackAlt} if it has neither alt text nor caption. */
    static void figure(StringBuilder html, ExportedCourse.Picture picture, String src, String fallbackAlt) {
        html.append("<figure>\n<img src=\"").append(escape(src)).append("\" alt=\"")
                .append(escape(picture.altOr(fallbackAlt))).append('"');
        if (picture.width() > 0 && picture.height() > 0) {
            html.append(" width=\"").append(picture.width()).append("\" height=\"").append(picture.height())
                    .append('"');
        }
        html.append(">\n");
        if (!picture.caption().isBlank()) {
            html.append("<figcaption>").append(escape(picture.caption())).append("</figcaption>\n");
        }
        html.append("</figure>\n");
    }

    /** {@code <ul>} or {@code <ol>} of plain texts. */
    static void list(StringBuilder html, String tag, List<String> items) {
        html.append('<').append(tag).append(">\n");
        for (String item : items) {
            html.append("<li>").append(escape(item)).append("</li>\n");
        }
        html.append("</").append(tag).append(">\n");
    }

    /** {@code A}, {@code B}, ...: how options are lettered in every format. */
    static String optionLetter(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : String.valueOf(index + 1);
    }

    /** A text file shipped beside this class (its package's resources), e.g. the shared stylesheet. */
    static String resource(String name) {
        try (InputStream in = HtmlParts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
