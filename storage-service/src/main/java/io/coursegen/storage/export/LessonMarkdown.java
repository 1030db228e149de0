package io.coursegen.storage.export;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;
import org.commonmark.renderer.markdown.MarkdownRenderer;
import org.springframework.stereotype.Component;

/**
 * Lesson Markdown (written by a language model) made safe and fitted into a larger document. Raw HTML in it
 * becomes literal text, so a {@code <script>} shows as text instead of running, in the HTML exports and in
 * whatever renders the Markdown export; a link or image whose URL has a scheme other than http(s) or mailto
 * (e.g. {@code javascript:}) is left as its text. Its headings are moved to start at the level the surrounding
 * document needs and never skip a level, so the page keeps a valid outline. Parser and renderers are immutable
 * and thread-safe.
 */
@Component
class LessonMarkdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer html = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();
    private final MarkdownRenderer markdown = MarkdownRenderer.builder().extensions(EXTENSIONS).build();
    private final UrlSanitizer urls = new DefaultUrlSanitizer();

    /** The lesson as HTML, its top headings at {@code topLevel} (e.g. 3 under a lesson's {@code h2}). */
    String toHtml(String source, int topLevel) {
        return html.render(parse(source, topLevel));
    }

    /** The lesson parsed, with headings from {@code topLevel} and raw HTML as text; nodes may be moved elsewhere. */
    Document parse(String source, int topLevel) {
        Document document = (Document) parser.parse(source == null ? "" : source);
        literalHtml(document);
        sanitizeUrls(document);
        relevelHeadings(document, topLevel);
        return document;
    }

    /** Markdown text for a document built from {@link #parse} and plain nodes; text nodes are escaped as needed. */
    String toMarkdown(Node document) {
        return markdown.render(document);
    }

    private static void literalHtml(Document document) {
        List<Node> rawHtml = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline htmlInline) {
                rawHtml.add(htmlInline);
            }

            @Override
            public void visit(HtmlBlock htmlBlock) {
                rawHtml.add(htmlBlock);
            }
        });
        for (Node node : rawHtml) {
            if (node instanceof HtmlInline inline) {
                node.insertBefore(new Text(inline.getLiteral()));
            } else {
                Paragraph paragraph = new Paragraph();
                paragraph.appendChild(new Text(((HtmlBlock) node).getLiteral().strip()));
                node.insertBefore(paragraph);
            }
            node.unlink();
        }
    }

    /** A link or image whose URL the sanitizer refuses is replaced by its text. */
    private void sanitizeUrls(Document document) {
        List<Node> unsafe = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                if (!link.getDestination().equals(urls.sanitizeLinkUrl(link.getDestination()))) {
                    unsafe.add(link);
                }
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                if (!image.getDestination().equals(urls.sanitizeImageUrl(image.getDestination()))) {
                    unsafe.add(image);
                }
                visitChildren(image);
            }
        });
        for (Node node : unsafe) {
            for (Node child = node.getFirstChild(); child != null; ) {
                Node next = child.getNext();
                node.insertBefore(child);
                child = next;
            }
            node.unlink();
        }
    }

    /**
     * The shallowest heading goes to {@code topLevel}, deeper ones keep their distance, but none is more than one
     * level below the one before it (and none deeper than 6).
     */
    private static void relevelHeadings(Document document, int topLevel) {
        List<Heading> headings = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                headings.add(heading);
            }
        });
        int shallowest = headings.stream().mapToInt(Heading::getLevel).min().orElse(1);
        int previous = topLevel - 1;
        for (Heading heading : headings) {
            int wanted = heading.getLevel() - shallowest + topLevel;
            int level = Math.min(Math.min(wanted, previous + 1), 6);
            heading.setLevel(level);
            previous = level;
        }
    }
}
