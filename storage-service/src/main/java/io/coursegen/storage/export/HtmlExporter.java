package io.coursegen.storage.export;

import static io.coursegen.storage.export.HtmlParts.escape;

import io.coursegen.contracts.Lesson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * One self-contained, accessible HTML file that opens anywhere, offline: the page's language is the course's,
 * a table of contents in a labelled {@code nav}, headings in order (the course {@code h1}, each lesson {@code h2},
 * the lesson's own sections from {@code h3}), every picture a {@code figure} with alt text and caption and its bytes
 * in a {@code data:} URI, quizzes as ordered lists whose answers wait in a {@code details}. No script at all.
 * Written lesson by lesson, picture by picture, so a large course streams instead of being held in memory.
 */
@Component
@Order(3)
class HtmlExporter implements CourseExporter {

    private final LessonMarkdown lessonMarkdown;
    private final String stylesheet = HtmlParts.resource("course.css");

    HtmlExporter(LessonMarkdown lessonMarkdown) {
        this.lessonMarkdown = lessonMarkdown;
    }

    @Override
    public String format() {
        return "html";
    }

    @Override
    public MediaType contentType() {
        return new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    }

    @Override
    public String fileName(String slug) {
        return slug + ".html";
    }

    @Override
    public boolean includesPictures() {
        return true;
    }

    @Override
    public void write(ExportedCourse course, PictureSource pictures, OutputStream out) throws IOException {
        Labels labels = Labels.forLanguage(course.language());
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(head(course));
        if (course.cover() != null) {
            writeFigure(writer, course.cover(), course.title(), pictures);
        }
        writer.write(introduction(course, labels));
        writer.write("</header>\n");
        writer.write(contents(course, labels));
        writer.write("<main>\n");
        for (ExportedCourse.ExportedLesson lesson : course.lessons()) {
            writer.write("<article id=\"" + lesson.anchor() + "\" aria-labelledby=\"" + lesson.anchor()
                    + "-title\">\n<h2 id=\"" + lesson.anchor() + "-title\">" + lesson.number() + ". "
                    + escape(lesson.title()) + "</h2>\n");
            if (lesson.picture() != null) {
                writeFigure(writer, lesson.picture(), lesson.title(), pictures);
            }
            writer.write(lessonBody(lesson, labels));
            writer.write("</article>\n");
        }
        writer.write("</main>\n</body>\n</html>\n");
        writer.flush();
    }

    private String head(ExportedCourse course) {
        return "<!doctype html>\n<html lang=\"" + escape(course.language()) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(course.title()) + "</title>\n<style>\n" + stylesheet + "</style>\n</head>\n<body>\n"
                + "<header>\n<h1>" + escape(course.title()) + "</h1>\n";
    }

    private static String introduction(ExportedCourse course, Labels labels) {
        StringBuilder html = new StringBuilder();
        if (!course.description().isBlank()) {
            html.append("<p>").append(escape(course.description())).append("</p>\n");
        }
        if (!course.prerequisites().isEmpty()) {
            html.append("<h2>").append(escape(labels.prerequisites())).append("</h2>\n");
            HtmlParts.list(html, "ul", course.prerequisites());
        }
        if (!course.learningObjectives().isEmpty()) {
            html.append("<h2>").append(escape(labels.objectives())).append("</h2>\n");
            HtmlParts.list(html, "ul", course.learningObjectives());
        }
        return html.toString();
    }

    private static String contents(ExportedCourse course, Labels labels) {
        StringBuilder html = new StringBuilder("<nav aria-label=\"").append(escape(labels.contents()))
                .append("\">\n<h2>").append(escape(labels.contents())).append("</h2>\n<ol>\n");
        for (ExportedCourse.ExportedLesson lesson : course.lessons()) {
            html.append("<li><a href=\"#").append(lesson.anchor()).append("\">").append(escape(lesson.title()))
                    .append("</a></li>\n");
        }
        return html.append("</ol>\n</nav>\n").toString();
    }

    private String lessonBody(ExportedCourse.ExportedLesson lesson, Labels labels) {
        StringBuilder html = new StringBuilder(lessonMarkdown.toHtml(lesson.markdown(), 3));
        if (!lesson.keyTakeaways().isEmpty()) {
            html.append("<section aria-labelledby=\"").append(lesson.anchor()).append("-takeaways\">\n<h3 id=\"")
                    .append(lesson.anchor()).append("-takeaways\">").append(escape(labels.keyTakeaways()))
                    .append("</h3>\n");
            HtmlParts.list(html, "ul", lesson.keyTakeaways());
            html.append("</section>\n");
        }
        if (!lesson.quiz().isEmpty()) {
            quiz(html, lesson, labels);
        }
        return html.toString();
    }

    /** Each question with its options as ordered lists; the answer and why, behind a disclosure. */
    private static void quiz(StringBuilder html, ExportedCourse.ExportedLesson lesson, Labels labels) {
        html.append("<section class=\"quiz\" aria-labelledby=\"").append(lesson.anchor()).append("-quiz\">\n<h3 id=\"")
                .append(lesson.anchor()).append("-quiz\">").append(escape(labels.quiz())).append("</h3>\n<ol>\n");
        for (Lesson.QuizQuestion question : lesson.quiz()) {
            List<String> options = question.options() == null ? List.of() : question.options();
            html.append("<li>\n<p>").append(escape(question.question())).append("</p>\n<ol class=\"options\" type=\"A\">\n");
            options.forEach(option -> html.append("<li>").append(escape(option)).append("</li>\n"));
            html.append("</ol>\n<details>\n<summary>").append(escape(labels.showAnswer())).append("</summary>\n");
            int correct = question.correctOption();
            if (correct >= 0 && correct < options.size()) {
                html.append("<p><strong>").append(escape(labels.correctAnswer())).append(":</strong> ")
                        .append(HtmlParts.optionLetter(correct)).append(". ").append(escape(options.get(correct)))
                        .append("</p>\n");
            }
            if (question.explanation() != null && !question.explanation().isBlank()) {
                html.append("<p>").append(escape(question.explanation())).append("</p>\n");
            }
            html.append("</details>\n</li>\n");
        }
        html.append("</ol>\n</section>\n");
    }

    /** The picture's bytes go straight from S3 into a base64 data URI; only one picture is in memory at a time. */
    private static void writeFigure(Writer writer, ExportedCourse.Picture picture, String fallbackAlt,
            PictureSource pictures) throws IOException {
        String src = "data:" + picture.safeContentType() + ";base64,"
                + Base64.getEncoder().encodeToString(pictures.bytes(picture));
        StringBuilder html = new StringBuilder();
        HtmlParts.figure(html, picture, src, fallbackAlt);
        writer.write(html.toString());
    }
}
