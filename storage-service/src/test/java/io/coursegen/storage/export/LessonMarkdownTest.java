package io.coursegen.storage.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class LessonMarkdownTest {

    private final LessonMarkdown markdown = new LessonMarkdown();

    @Test
    void headingsStartAtTheGivenLevelAndNeverSkipOne() {
        Document html = Jsoup.parse(markdown.toHtml("## A\n\n#### B\n\n###### C\n\n## D\n\n### E\n", 3));

        assertThat(html.select("h1, h2, h3, h4, h5, h6").eachText()).containsExactly("A", "B", "C", "D", "E");
        assertThat(html.select("h1, h2, h3, h4, h5, h6").stream().map(h -> h.tagName()))
                .containsExactly("h3", "h4", "h5", "h3", "h4");
    }

    @Test
    void headingsDeeperThanSixStayAtSix() {
        Document html = Jsoup.parse(markdown.toHtml("# A\n\n## B\n\n### C\n\n#### D\n", 4));

        assertThat(html.select("h4, h5, h6").stream().map(h -> h.tagName())).containsExactly("h4", "h5", "h6", "h6");
    }

    @Test
    void rawHtmlAndScriptUrlsAreDefused() {
        String source = "Hi <img src=x onerror=alert(1)> there\n\n<script>alert(2)</script>\n\n"
                + "[a](javascript:alert(3)) ![b](vbscript:x) [ok](https://example.org/a) [rel](other.md)\n";

        Document html = Jsoup.parse(markdown.toHtml(source, 3));

        assertThat(html.select("img[onerror], script")).isEmpty();
        assertThat(html.text()).contains("<img src=x onerror=alert(1)>", "<script>alert(2)</script>");
        assertThat(html.select("a").eachAttr("href")).containsExactly("https://example.org/a", "other.md");
        assertThat(html.select("p").last().text()).startsWith("a b ok rel");
        assertThat(markdown.toMarkdown(markdown.parse(source, 2))).contains("\\<script\\>")
                .doesNotContain("javascript:", "vbscript:");
    }
}
