package io.coursegen.storage.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** What an accessibility checker looks at in an exported page, on a document parsed by a real HTML5 parser. */
public final class HtmlChecks {

    private HtmlChecks() {
    }

    /** Heading levels in document order: one h1 first, then never more than one level deeper than the last. */
    public static List<Integer> assertHeadingOrder(Document page) {
        List<Integer> levels = page.select("h1, h2, h3, h4, h5, h6").stream()
                .map(heading -> Integer.parseInt(heading.tagName().substring(1)))
                .toList();
        assertThat(levels).as("headings").isNotEmpty().startsWith(1);
        assertThat(levels.stream().filter(level -> level == 1)).as("one h1").hasSize(1);
        for (int i = 1; i < levels.size(); i++) {
            assertThat(levels.get(i)).as("heading %d (h%d after h%d) skips no level", i, levels.get(i), levels.get(i - 1))
                    .isLessThanOrEqualTo(levels.get(i - 1) + 1);
        }
        return levels;
    }

    /** Every image has alt text and sits in a figure with a caption. */
    public static void assertFiguresAccessible(Document page) {
        assertThat(page.select("img")).isNotEmpty().allSatisfy(img -> {
            assertThat(img.attr("alt")).as("alt of %s", img).isNotBlank();
            Element figure = img.parent();
            assertThat(figure.tagName()).as("parent of %s", img).isEqualTo("figure");
            assertThat(figure.select("> figcaption").text()).as("caption of %s", img).isNotBlank();
        });
    }

    /** No element runs script: no script elements and no event-handler attributes, wherever the text came from. */
    public static void assertNoScriptFromContent(Document page, String allowedScriptSrc) {
        assertThat(page.select("script")).allSatisfy(script -> {
            assertThat(script.attr("src")).isEqualTo(allowedScriptSrc);
            assertThat(script.data()).isEmpty();
        });
        assertThat(page.getAllElements()).allSatisfy(element -> assertThat(element.attributes().asList())
                .noneMatch(attribute -> attribute.getKey().toLowerCase().startsWith("on")));
        assertThat(page.select("a[href^=javascript], [src^=javascript]")).isEmpty();
    }

    /** The bytes of a {@code data:image/png;base64,...} URI. */
    public static byte[] dataUri(String src) {
        assertThat(src).startsWith("data:image/png;base64,");
        return Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
    }
}
