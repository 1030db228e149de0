package io.coursegen.storage.export;

import io.coursegen.contracts.Lesson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.commonmark.node.BulletList;
import org.commonmark.node.Document;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * A zip of Markdown files, for wikis, static site generators and Git: {@code index.md} (title, description,
 * objectives, contents linking every lesson), one {@code NN-<slug>.md} per lesson (picture with its caption,
 * text, key takeaways, quiz, then the answers with explanations) and the pictures under {@code images/}. Files
 * are built as Markdown syntax trees and rendered by commonmark, which escapes every text where it lands; raw
 * HTML in a lesson comes out as literal text.
 */
@Component
@Order(2)
class MarkdownExporter implements CourseExporter {

    private final LessonMarkdown lessonMarkdown;

    MarkdownExporter(LessonMarkdown lessonMarkdown) {
        this.lessonMarkdown = lessonMarkdown;
    }

    @Override
    public String format() {
        return "markdown";
    }

    @Override
    public MediaType contentType() {
        return MediaType.parseMediaType("application/zip");
    }

    @Override
    public String fileName(String slug) {
        return slug + "-markdown.zip";
    }

    @Override
    public boolean includesPictures() {
        return true;
    }

    @Override
    public void write(ExportedCourse course, PictureSource pictures, OutputStream out) throws IOException {
        Labels labels = Labels.forLanguage(course.language());
        ZipWriter zip = new ZipWriter(out, course.source().completedAt());
        zip.text("index.md", index(course, labels));
        for (ExportedCourse.ExportedLesson lesson : course.lessons()) {
            zip.text(lesson.fileStem() + ".md", lesson(lesson, labels));
        }
        for (ExportedCourse.Picture picture : course.pictures()) {
            zip.bytes(picture.fileName(), pictures.bytes(picture));
        }
        zip.finish();
    }

    private String index(ExportedCourse course, Labels labels) {
        Document document = new Document();
        document.appendChild(heading(1, course.title()));
        if (course.cover() != null) {
            figure(document, course.cover(), course.title());
        }
        if (!course.description().isBlank()) {
            document.appendChild(paragraph(new Text(course.description())));
        }
        if (!course.prerequisites().isEmpty()) {
            document.appendChild(heading(2, labels.prerequisites()));
            document.appendChild(bullets(course.prerequisites()));
        }
        if (!course.learningObjectives().isEmpty()) {
            document.appendChild(heading(2, labels.objectives()));
            document.appendChild(bullets(course.learningObjectives()));
        }
        document.appendChild(heading(2, labels.contents()));
        OrderedList contents = orderedList();
        for (ExportedCourse.ExportedLesson lesson : course.lessons()) {
            Link link = new Link(lesson.fileStem() + ".md", null);
            link.appendChild(new Text(lesson.title()));
            contents.appendChild(item(paragraph(link)));
        }
        document.appendChild(contents);
        return lessonMarkdown.toMarkdown(document);
    }

    private String lesson(ExportedCourse.ExportedLesson lesson, Labels labels) {
        Document document = new Document();
        document.appendChild(heading(1, lesson.number() + ". " + lesson.title()));
        if (lesson.picture() != null) {
            figure(document, lesson.picture(), lesson.title());
        }
        Document body = lessonMarkdown.parse(lesson.markdown(), 2);
        for (Node node = body.getFirstChild(); node != null; ) {
            Node next = node.getNext();
            document.appendChild(node);
            node = next;
        }
        if (!lesson.keyTakeaways().isEmpty()) {
            document.appendChild(heading(2, labels.keyTakeaways()));
            document.appendChild(bullets(lesson.keyTakeaways()));
        }
        if (!lesson.quiz().isEmpty()) {
            quiz(document, lesson.quiz(), labels);
        }
        Link back = new Link("index.md", null);
        back.appendChild(new Text(labels.contents()));
        document.appendChild(paragraph(back));
        return lessonMarkdown.toMarkdown(document);
    }

    /** Questions with lettered options, then the answers with their explanations in a section of their own. */
    private static void quiz(Document document, List<Lesson.QuizQuestion> quiz, Labels labels) {
        document.appendChild(heading(2, labels.quiz()));
        OrderedList questions = orderedList();
        for (Lesson.QuizQuestion question : quiz) {
            ListItem item = item(paragraph(new Text(question.question())));
            BulletList options = new BulletList();
            options.setMarker("-");
            options.setTight(true);
            List<String> choices = question.options() == null ? List.of() : question.options();
            for (int i = 0; i < choices.size(); i++) {
                options.appendChild(item(paragraph(new Text(HtmlParts.optionLetter(i) + ". " + choices.get(i)))));
            }
            item.appendChild(options);
            questions.appendChild(item);
        }
        document.appendChild(questions);

        document.appendChild(heading(2, labels.answers()));
        OrderedList answers = orderedList();
        for (Lesson.QuizQuestion question : quiz) {
            int correct = question.correctOption();
            List<String> choices = question.options() == null ? List.of() : question.options();
            StrongEmphasis answer = new StrongEmphasis("**");
            answer.appendChild(new Text(correct >= 0 && correct < choices.size()
                    ? HtmlParts.optionLetter(correct) + ". " + choices.get(correct) : ""));
            Paragraph paragraph = paragraph(answer);
            if (question.explanation() != null && !question.explanation().isBlank()) {
                paragraph.appendChild(new Text(" — " + question.explanation()));
            }
            answers.appendChild(item(paragraph));
        }
        document.appendChild(answers);
    }

    /** {@code ![alt](images/…)} with the caption in italics in the paragraph below. */
    private static void figure(Document document, ExportedCourse.Picture picture, String fallbackAlt) {
        Image image = new Image(picture.fileName(), null);
        image.appendChild(new Text(picture.altOr(fallbackAlt)));
        document.appendChild(paragraph(image));
        if (!picture.caption().isBlank()) {
            Emphasis caption = new Emphasis("*");
            caption.appendChild(new Text(picture.caption()));
            document.appendChild(paragraph(caption));
        }
    }

    private static Heading heading(int level, String text) {
        Heading heading = new Heading();
        heading.setLevel(level);
        heading.appendChild(new Text(text));
        return heading;
    }

    private static Paragraph paragraph(Node... children) {
        Paragraph paragraph = new Paragraph();
        for (Node child : children) {
            paragraph.appendChild(child);
        }
        return paragraph;
    }

    private static BulletList bullets(List<String> texts) {
        BulletList list = new BulletList();
        list.setMarker("-");
        return tight(list, texts);
    }

    private static OrderedList orderedList() {
        OrderedList list = new OrderedList();
        list.setMarkerStartNumber(1);
        list.setMarkerDelimiter(".");
        list.setTight(true);
        return list;
    }

    private static <L extends ListBlock> L tight(L list, List<String> texts) {
        list.setTight(true);
        for (String text : texts) {
            list.appendChild(item(paragraph(new Text(text))));
        }
        return list;
    }

    private static ListItem item(Node child) {
        ListItem item = new ListItem();
        item.appendChild(child);
        return item;
    }
}
