package io.coursegen.storage.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class MarkdownExporterTest {

    private static final List<org.commonmark.Extension> TABLES = List.of(TablesExtension.create());
    /** How a typical Markdown viewer reads the files: CommonMark with GFM tables, raw HTML passed through. */
    private static final Parser READER = Parser.builder().extensions(TABLES).build();
    private static final HtmlRenderer VIEWER = HtmlRenderer.builder().extensions(TABLES).build();

    private final ExportFixtures fixtures = new ExportFixtures();
    private final MarkdownExporter exporter = new MarkdownExporter(new LessonMarkdown());

    @Test
    void isAZipOfAnIndexOneFilePerLessonAndThePictures() {
        Map<String, byte[]> zip = Zips.unzip(fixtures.export(exporter));

        assertThat(zip.keySet()).containsExactly("index.md", "01-what-is-a-qubit.md",
                "02-superposition-measurement.md", "03-entanglement.md", "images/cover.png", "images/lesson-01.png",
                "images/lesson-02.png", "images/lesson-03.png");
        for (String imageId : List.of("cover", "lesson-01", "lesson-02", "lesson-03")) {
            assertThat(zip.get("images/" + imageId + ".png")).isEqualTo(fixtures.pictureOf(imageId));
        }
        assertThat(exporter.fileName("quantum-computing-gently")).isEqualTo("quantum-computing-gently-markdown.zip");
        assertThat(exporter.contentType().toString()).isEqualTo("application/zip");
    }

    @Test
    void everyPictureAndLinkInTheFilesPointsAtAFileInTheZip() {
        Map<String, byte[]> zip = Zips.unzip(fixtures.export(exporter));

        List<String> targets = new ArrayList<>();
        zip.keySet().stream().filter(name -> name.endsWith(".md")).forEach(name -> {
            References references = references(READER.parse(text(zip, name)));
            targets.addAll(references.images);
            references.links.stream().filter(link -> !link.contains(":")).forEach(targets::add);
        });
        assertThat(targets).isNotEmpty().allSatisfy(target -> assertThat(zip).containsKey(target));
        assertThat(targets).contains("images/cover.png", "images/lesson-01.png", "01-what-is-a-qubit.md", "index.md");
    }

    @Test
    void indexHasTitleDescriptionObjectivesAndContentsLinkingTheLessonsInOrder() {
        String index = text(Zips.unzip(fixtures.export(exporter)), "index.md");
        Document html = Jsoup.parse(VIEWER.render(READER.parse(index)));

        assertThat(html.select("h1").text()).isEqualTo(ExportFixtures.TITLE);
        assertThat(html.select("p").eachText()).contains("A short course for busy people & their teams.");
        assertThat(html.select("h2").eachText()).containsExactly("Prerequisites", "Learning objectives", "Contents");
        assertThat(html.select("h2:contains(Learning objectives) + ul > li").eachText())
                .containsExactly("Explain a qubit", "Explain superposition");
        assertThat(html.select("ol > li > a").eachAttr("href"))
                .containsExactly("01-what-is-a-qubit.md", "02-superposition-measurement.md", "03-entanglement.md");
        assertThat(html.select("ol > li > a").eachText())
                .containsExactly("What is a qubit?", "Superposition & measurement", "Entanglement");
    }

    @Test
    void lessonHasItsPictureWithTheCaptionInItalicsBelowThenTextTakeawaysQuizAndAnswers() {
        String lesson = text(Zips.unzip(fixtures.export(exporter)), "01-what-is-a-qubit.md");
        Node document = READER.parse(lesson);

        Node title = document.getFirstChild();
        assertThat(title).isInstanceOf(Heading.class);
        assertThat(((Heading) title).getLevel()).isEqualTo(1);
        assertThat(literal(title)).isEqualTo("1. What is a qubit?");
        Image picture = (Image) title.getNext().getFirstChild();
        assertThat(picture.getDestination()).isEqualTo("images/lesson-01.png");
        assertThat(literal(picture)).isEqualTo("A coin in mid-air, neither heads nor tails");
        Node caption = title.getNext().getNext();
        assertThat(caption).isInstanceOf(Paragraph.class);
        assertThat(caption.getFirstChild()).isInstanceOf(Emphasis.class);
        assertThat(literal(caption)).isEqualTo("A coin spinning in the air");

        Document html = Jsoup.parse(VIEWER.render(document));
        assertThat(html.select("h2").eachText())
                .containsExactly("Why it matters", "Key takeaways", "Quiz", "Answers");
        assertThat(html.select("h3").eachText()).containsExactly("A heading that skips a level");
        assertThat(html.select("table th").eachText()).containsExactly("Term", "Meaning");
        assertThat(html.select("h2:contains(Key takeaways) + ul > li").eachText())
                .containsExactly("Takeaway one of What is a qubit?", "Takeaway two");
        assertThat(html.select("h2:contains(Quiz) + ol > li").first().text()).startsWith("Which is a qubit?")
                .contains("A. A bit", "B. A two-state quantum system", "C. A byte");
        assertThat(html.select("h2:contains(Answers) + ol > li").eachText()).containsExactly(
                "B. A two-state quantum system — It is a two-state system.", "A. One — Exactly one of 0 or 1.");
        assertThat(html.select("h2:contains(Answers) + ol > li strong").first().text())
                .isEqualTo("B. A two-state quantum system");
    }

    @Test
    void markupInjectedIntoLessonsCaptionsAndOptionsStaysTextInAnyViewer() {
        Map<String, byte[]> zip = Zips.unzip(fixtures.export(exporter));

        for (String name : List.of("index.md", "01-what-is-a-qubit.md", "02-superposition-measurement.md")) {
            Document html = Jsoup.parse(VIEWER.render(READER.parse(text(zip, name))));
            HtmlChecks.assertNoScriptFromContent(html, null);
            assertThat(html.select("script, div, b")).as(name).isEmpty();
        }
        assertThat(Jsoup.parse(VIEWER.render(READER.parse(text(zip, "01-what-is-a-qubit.md")))).text())
                .contains(ExportFixtures.MARKDOWN_SCRIPT, "A <script>alert('option')</script> trick");
        Document second = Jsoup.parse(VIEWER.render(READER.parse(text(zip, "02-superposition-measurement.md"))));
        assertThat(second.select("em").first().text()).contains(ExportFixtures.CAPTION_SCRIPT);
        assertThat(second.select("img").attr("alt")).isEqualTo("Schrödinger's \"cat\" in a box <b>bold</b>");
    }

    private static String text(Map<String, byte[]> zip, String name) {
        assertThat(zip).containsKey(name);
        return new String(zip.get(name), StandardCharsets.UTF_8);
    }

    private static String literal(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text textNode) {
                text.append(textNode.getLiteral());
            }
        });
        return text.toString();
    }

    private record References(List<String> images, List<String> links) {
    }

    private static References references(Node document) {
        References references = new References(new ArrayList<>(), new ArrayList<>());
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                references.images.add(image.getDestination());
                visitChildren(image);
            }

            @Override
            public void visit(Link link) {
                references.links.add(link.getDestination());
                visitChildren(link);
            }
        });
        return references;
    }
}
