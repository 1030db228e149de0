package io.coursegen.storage.export;

import static io.coursegen.storage.export.HtmlParts.escape;

import io.coursegen.contracts.Lesson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SCORM 1.2 content package for any LMS: {@code imsmanifest.xml} at the root with one organization, one item
 * and one SCO per lesson, every file listed under its resource; a page per lesson that reports to the LMS
 * (see {@code scorm12.js} beside this class: completed, or passed/failed with the quiz score against a mastery score of
 * {@value #MASTERY_SCORE}); the pictures as files. The shared script and stylesheet are an asset resource every
 * SCO depends on. The ADL/IMS schema files are not bundled; LMSs read the manifest without them.
 */
@Component
@Order(4)
class Scorm12Exporter implements CourseExporter {

    static final int MASTERY_SCORE = 80;

    static final String IMSCP_NAMESPACE = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
    static final String ADLCP_NAMESPACE = "http://www.adlnet.org/xsd/adlcp_rootv1p2";

    private static final String STYLESHEET = "shared/course.css";
    private static final String SCRIPT = "shared/scorm12.js";
    private static final String SHARED_RESOURCE = "res-shared";
    private static final Pattern XML_INVALID =
            Pattern.compile("[^\\u0009\\u000A\\u000D\\u0020-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");

    private final LessonMarkdown lessonMarkdown;
    private final String stylesheet = HtmlParts.resource("course.css");
    private final String script = HtmlParts.resource("scorm12.js");

    Scorm12Exporter(LessonMarkdown lessonMarkdown) {
        this.lessonMarkdown = lessonMarkdown;
    }

    @Override
    public String format() {
        return "scorm12";
    }

    @Override
    public MediaType contentType() {
        return MediaType.parseMediaType("application/zip");
    }

    @Override
    public String fileName(String slug) {
        return slug + "-scorm12.zip";
    }

    @Override
    public boolean includesPictures() {
        return true;
    }

    @Override
    public void write(ExportedCourse course, PictureSource pictures, OutputStream out) throws IOException {
        Labels labels = Labels.forLanguage(course.language());
        ZipWriter zip = new ZipWriter(out, course.source().completedAt());
        zip.bytes("imsmanifest.xml", manifest(course));
        zip.text(STYLESHEET, stylesheet);
        zip.text(SCRIPT, script);
        for (ExportedCourse.ExportedLesson lesson : course.lessons()) {
            zip.text(page(lesson), lessonPage(course, lesson, labels));
            if (lesson.picture() != null) {
                zip.bytes(lesson.picture().fileName(), pictures.bytes(lesson.picture()));
            }
        }
        zip.finish();
    }

    private static String page(ExportedCourse.ExportedLesson lesson) {
        return lesson.fileStem() + ".html";
    }

    // --- imsmanifest.xml ------------------------------------------------------------------------------------

    private static byte[] manifest(ExportedCourse course) {
        Document xml = newDocument();
        xml.setXmlStandalone(true);
        Element manifest = xml.createElementNS(IMSCP_NAMESPACE, "manifest");
        manifest.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:adlcp", ADLCP_NAMESPACE);
        manifest.setAttribute("identifier", "coursegen-" + Slugs.of(course.courseId(), null, "course"));
        manifest.setAttribute("version", "1");
        xml.appendChild(manifest);

        Element metadata = child(manifest, "metadata");
        text(metadata, "schema", "ADL SCORM");
        text(metadata, "schemaversion", "1.2");

        Element organizations = child(manifest, "organizations");
        organizations.setAttribute("default", "org-course");
        Element organization = child(organizations, "organization");
        organization.setAttribute("identifier", "org-course");
        text(organization, "title", course.title());
        for (ExportedCourse.ExportedLesson lesson : course.lessons()) {
            Element item = child(organization, "item");
            item.setAttribute("identifier", "item-" + lesson.anchor());
            item.setAttribute("identifierref", "res-" + lesson.anchor());
            item.setAttribute("isvisible", "true");
            text(item, "title", lesson.number() + ". " + lesson.title());
            if (!lesson.quiz().isEmpty()) {
                Element masteryScore = xml.createElementNS(ADLCP_NAMESPACE, "adlcp:masteryscore");
                masteryScore.setTextContent(String.valueOf(MASTERY_SCORE));
                item.appendChild(masteryScore);
            }
        }

        Element resources = child(manifest, "resources");
        for (ExportedCourse.ExportedLesson lesson : course.lessons()) {
            Element resource = child(resources, "resource");
            resource.setAttribute("identifier", "res-" + lesson.anchor());
            resource.setAttribute("type", "webcontent");
            resource.setAttributeNS(ADLCP_NAMESPACE, "adlcp:scormtype", "sco");
            resource.setAttribute("href", page(lesson));
            List<String> files = new ArrayList<>(List.of(page(lesson)));
            if (lesson.picture() != null) {
                files.add(lesson.picture().fileName());
            }
            files.forEach(file -> child(resource, "file").setAttribute("href", file));
            child(resource, "dependency").setAttribute("identifierref", SHARED_RESOURCE);
        }
        Element shared = child(resources, "resource");
        shared.setAttribute("identifier", SHARED_RESOURCE);
        shared.setAttribute("type", "webcontent");
        shared.setAttributeNS(ADLCP_NAMESPACE, "adlcp:scormtype", "asset");
        child(shared, "file").setAttribute("href", STYLESHEET);
        child(shared, "file").setAttribute("href", SCRIPT);
        return serialize(xml);
    }

    private static Element child(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElementNS(IMSCP_NAMESPACE, name);
        parent.appendChild(element);
        return element;
    }

    /** Characters XML 1.0 cannot carry at all (control characters a model might emit) are left out. */
    private static void text(Element parent, String name, String text) {
        child(parent, name).setTextContent(XML_INVALID.matcher(text).replaceAll(""));
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] serialize(Document xml) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, StandardCharsets.UTF_8.name());
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(xml), new StreamResult(bytes));
            return bytes.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("Could not write imsmanifest.xml", e);
        }
    }

    // --- lesson pages -----------------------------------------------------------------------------------------

    private String lessonPage(ExportedCourse course, ExportedCourse.ExportedLesson lesson, Labels labels) {
        String heading = lesson.number() + ". " + lesson.title();
        StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"").append(escape(course.language()))
                .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(heading)).append(" – ").append(escape(course.title()))
                .append("</title>\n<link rel=\"stylesheet\" href=\"").append(STYLESHEET).append("\">\n")
                .append("<script src=\"").append(SCRIPT).append("\" defer></script>\n</head>\n<body>\n<main>\n")
                .append("<article>\n<p>").append(escape(course.title())).append("</p>\n<h1>").append(escape(heading))
                .append("</h1>\n");
        if (lesson.picture() != null) {
            HtmlParts.figure(html, lesson.picture(), lesson.picture().fileName(), lesson.title());
        }
        html.append(lessonMarkdown.toHtml(lesson.markdown(), 2));
        if (!lesson.keyTakeaways().isEmpty()) {
            html.append("<section aria-labelledby=\"takeaways\">\n<h2 id=\"takeaways\">")
                    .append(escape(labels.keyTakeaways())).append("</h2>\n");
            HtmlParts.list(html, "ul", lesson.keyTakeaways());
            html.append("</section>\n");
        }
        if (!lesson.quiz().isEmpty()) {
            quiz(html, lesson.quiz(), labels);
        }
        return html.append("</article>\n</main>\n</body>\n</html>\n").toString();
    }

    /** A form the page's script grades; the texts it shows come along as attributes, escaped like any other. */
    private static void quiz(StringBuilder html, List<Lesson.QuizQuestion> quiz, Labels labels) {
        html.append("<form class=\"quiz\" aria-labelledby=\"quiz\" data-mastery-score=\"").append(MASTERY_SCORE)
                .append("\" data-correct-label=\"").append(escape(labels.correct()))
                .append("\" data-incorrect-label=\"").append(escape(labels.incorrect()))
                .append("\" data-result-template=\"").append(escape(labels.result()))
                .append("\">\n<h2 id=\"quiz\">").append(escape(labels.quiz())).append("</h2>\n");
        for (int q = 0; q < quiz.size(); q++) {
            Lesson.QuizQuestion question = quiz.get(q);
            List<String> options = question.options() == null ? List.of() : question.options();
            html.append("<fieldset class=\"question\" data-correct=\"").append(question.correctOption())
                    .append("\">\n<legend>").append(q + 1).append(". ").append(escape(question.question()))
                    .append("</legend>\n");
            for (int o = 0; o < options.size(); o++) {
                html.append("<label><input type=\"radio\" name=\"question-").append(q + 1).append("\" value=\"")
                        .append(o).append("\"> ").append(HtmlParts.optionLetter(o)).append(". ")
                        .append(escape(options.get(o))).append("</label>\n");
            }
            html.append("<p class=\"verdict\" aria-live=\"polite\"></p>\n");
            if (question.explanation() != null && !question.explanation().isBlank()) {
                html.append("<p class=\"explanation\" hidden>").append(escape(question.explanation())).append("</p>\n");
            }
            html.append("</fieldset>\n");
        }
        html.append("<button type=\"submit\">").append(escape(labels.checkAnswers())).append("</button>\n")
                .append("<p class=\"result\" role=\"status\"></p>\n</form>\n");
    }
}
