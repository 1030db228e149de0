package io.coursegen.storage.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class HtmlExporterTest {

    private final ExportFixtures fixtures = new ExportFixtures();
    private final HtmlExporter exporter = new HtmlExporter(new LessonMarkdown());

    @Test
    void isOneSelfContainedPageInTheCoursesLanguageNamedAfterItsTitle() {
        String html = new String(fixtures.export(exporter), StandardCharsets.UTF_8);
        Document page = Jsoup.parse(html);

        assertThat(html).startsWith("<!doctype html>\n<html lang=\"en\">");
        assertThat(page.select("html").attr("lang")).isEqualTo("en");
        assertThat(page.select("meta[charset]").attr("charset")).isEqualToIgnoringCase("utf-8");
        assertThat(page.title()).isEqualTo(ExportFixtures.TITLE);
        assertThat(page.select("link, script, iframe, object, embed")).as("nothing loaded from elsewhere").isEmpty();
        assertThat(page.select("img")).allSatisfy(img -> assertThat(img.attr("src")).startsWith("data:image/png;base64,"));
        assertThat(page.select("style").first().data()).contains("figcaption");
        assertThat(exporter.fileName("quantum-computing-gently")).isEqualTo("quantum-computing-gently.html");
        assertThat(exporter.contentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(exporter.contentType().getCharset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void headingsRunFromCourseToLessonsToTheirSectionsWithoutSkippingALevel() {
        Document page = page();

        HtmlChecks.assertHeadingOrder(page);
        assertThat(page.select("h1").text()).isEqualTo(ExportFixtures.TITLE);
        assertThat(page.select("article > h2").eachText())
                .containsExactly("1. What is a qubit?", "2. Superposition & measurement", "3. Entanglement");
        Element first = page.getElementById("lesson-01");
        // the lesson's "##" sections sit under its h2; a "####" right after one is pulled up to h4
        assertThat(first.select("h3").eachText()).contains("Why it matters", "Key takeaways", "Quiz");
        assertThat(first.select("h4").eachText()).containsExactly("A heading that skips a level");
        assertThat(page.getElementById("lesson-02").select("h4").eachText()).containsExactly("Measuring");
        assertThat(first.select("table th").eachText()).containsExactly("Term", "Meaning");
    }

    @Test
    void tableOfContentsIsALabelledNavLinkingEveryLesson() {
        Document page = page();

        Elements navs = page.select("nav[aria-label]");
        assertThat(navs).hasSize(1);
        assertThat(navs.attr("aria-label")).isEqualTo("Contents");
        Elements links = navs.select("ol > li > a");
        assertThat(links.eachText()).containsExactly("What is a qubit?", "Superposition & measurement", "Entanglement");
        assertThat(links).allSatisfy(link -> assertThat(page.getElementById(link.attr("href").substring(1)))
                .as("target of %s", link).isNotNull());
    }

    @Test
    void everyPictureIsAFigureWithAltTextAndCaptionAndItsOwnBytesInline() {
        Document page = page();

        HtmlChecks.assertFiguresAccessible(page);
        Elements images = page.select("img");
        assertThat(images).hasSize(4);
        List<String> imageIds = List.of("cover", "lesson-01", "lesson-02", "lesson-03");
        for (int i = 0; i < images.size(); i++) {
            assertThat(HtmlChecks.dataUri(images.get(i).attr("src"))).isEqualTo(fixtures.pictureOf(imageIds.get(i)));
        }
        assertThat(images.get(0).attr("alt")).isEqualTo("A cat sits in an open box");
        assertThat(images.get(0).attr("width")).isEqualTo("64");
        assertThat(images.get(0).attr("height")).isEqualTo("48");
        assertThat(page.select("figure > figcaption").get(1).text()).isEqualTo("A coin spinning in the air");
    }

    @Test
    void quizzesAreOrderedListsWithTheAnswerAndWhyInADisclosure() {
        Document page = page();

        Elements quizzes = page.select("section.quiz");
        assertThat(quizzes).hasSize(2);
        Elements questions = quizzes.first().select("> ol > li");
        assertThat(questions).hasSize(2);
        Element question = questions.first();
        assertThat(question.select("> p").text()).isEqualTo("Which is a qubit?");
        assertThat(question.select("> ol > li").eachText()).containsExactly("A bit", "A two-state quantum system",
                "A byte", "A <script>alert('option')</script> trick");
        Element details = question.selectFirst("> details");
        assertThat(details.select("summary").text()).isEqualTo("Show answer");
        assertThat(details.text()).contains("Correct answer: B. A two-state quantum system",
                "It is a two-state system.");
        assertThat(page.getElementById("lesson-03").select("section.quiz")).as("a lesson without quiz").isEmpty();
    }

    @Test
    void markupInjectedIntoLessonsCaptionsAltTextAndOptionsIsShownAsTextAndNeverRuns() {
        Document page = page();

        HtmlChecks.assertNoScriptFromContent(page, null);
        assertThat(page.select("script, div[onclick]")).isEmpty();
        assertThat(page.getElementById("lesson-01").text()).contains(ExportFixtures.MARKDOWN_SCRIPT,
                "<div onclick=\"alert('block')\">raw block</div>");
        assertThat(page.select("a").eachAttr("href")).noneMatch(href -> href.startsWith("javascript"));
        Element picture = page.getElementById("lesson-02").selectFirst("figure");
        assertThat(picture.select("figcaption").text()).contains(ExportFixtures.CAPTION_SCRIPT);
        assertThat(picture.select("img").attr("alt")).isEqualTo("Schrödinger's \"cat\" in a box <b>bold</b>");
        assertThat(picture.select("b")).isEmpty();
    }

    @Test
    void wordsAroundTheCourseFollowItsLanguageAndANonLatinTitleFallsBackToTheIdForTheFileName() {
        ExportFixtures chinese = new ExportFixtures("zh-TW", "量子計算入門");
        Document page = Jsoup.parse(new String(chinese.export(exporter), StandardCharsets.UTF_8));

        assertThat(page.select("html").attr("lang")).isEqualTo("zh-TW");
        assertThat(page.select("nav").attr("aria-label")).isEqualTo("目錄");
        assertThat(page.select("summary").first().text()).isEqualTo("顯示答案");
        assertThat(ExportedCourse.of(chinese.course).slug()).isEqualTo("course-7f3a");
    }

    private Document page() {
        return Jsoup.parse(new String(fixtures.export(exporter), StandardCharsets.UTF_8));
    }
}
