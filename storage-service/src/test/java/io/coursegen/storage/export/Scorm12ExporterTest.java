package io.coursegen.storage.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class Scorm12ExporterTest {

    private final ExportFixtures fixtures = new ExportFixtures();
    private final Scorm12Exporter exporter = new Scorm12Exporter(new LessonMarkdown());

    @Test
    void aManifestThatBreaksTheScorm12SchemasIsCaught() {
        String manifest = ScormPackage.read(fixtures.export(exporter)).text("imsmanifest.xml");
        String broken = manifest.replaceFirst("<organizations ", "<organisations ").replaceFirst("</organizations>", "</organisations>");

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                ScormPackage.validateAgainstTheScorm12Schemas(broken.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not valid under the SCORM 1.2 schemas");
    }

    @Test
    void isAPackageAnLmsImportsWithOneScoPerLessonInOrder() {
        ScormPackage scorm = ScormPackage.read(fixtures.export(exporter));

        assertThat(scorm.scos()).extracting(ScormPackage.Sco::title)
                .containsExactly("1. What is a qubit?", "2. Superposition & measurement", "3. Entanglement");
        assertThat(scorm.scos()).extracting(ScormPackage.Sco::href)
                .containsExactly("01-what-is-a-qubit.html", "02-superposition-measurement.html", "03-entanglement.html");
        // lessons with a quiz are passed or failed against the mastery score; the one without is just completed
        assertThat(scorm.scos()).extracting(ScormPackage.Sco::masteryScore).containsExactly(80, 80, null);
        assertThat(scorm.scos().get(0).files()).containsExactly("01-what-is-a-qubit.html", "images/lesson-01.png",
                "shared/course.css", "shared/scorm12.js");
        assertThat(scorm.entries().keySet()).containsExactlyInAnyOrder("imsmanifest.xml", "shared/course.css",
                "shared/scorm12.js", "01-what-is-a-qubit.html", "02-superposition-measurement.html",
                "03-entanglement.html", "images/lesson-01.png", "images/lesson-02.png", "images/lesson-03.png");
        assertThat(scorm.entries().get("images/lesson-02.png")).isEqualTo(fixtures.pictureOf("lesson-02"));
        assertThat(scorm.text("imsmanifest.xml")).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"")
                .contains("<organization identifier=\"org-course\">", "<title>" + ExportFixtures.TITLE + "</title>");
        assertThat(exporter.fileName("quantum-computing-gently")).isEqualTo("quantum-computing-gently-scorm12.zip");
    }

    @Test
    void eachLessonPageIsAnAccessiblePageThatLoadsTheRuntimeAndItsPicture() {
        ScormPackage scorm = ScormPackage.read(fixtures.export(exporter));

        for (ScormPackage.Sco sco : scorm.scos()) {
            Document page = Jsoup.parse(scorm.text(sco.href()));
            assertThat(page.select("html").attr("lang")).isEqualTo("en");
            assertThat(page.title()).startsWith(sco.title()).endsWith(ExportFixtures.TITLE);
            assertThat(page.select("h1").text()).isEqualTo(sco.title());
            HtmlChecks.assertHeadingOrder(page);
            HtmlChecks.assertFiguresAccessible(page);
            HtmlChecks.assertNoScriptFromContent(page, "shared/scorm12.js");
            assertThat(page.select("script[src]").attr("src")).isEqualTo("shared/scorm12.js");
            assertThat(page.select("link[rel=stylesheet]").attr("href")).isEqualTo("shared/course.css");
        }
    }

    @Test
    void quizIsAFormTheRuntimeGradesWithTheLabelsInTheCoursesLanguage() {
        ScormPackage scorm = ScormPackage.read(fixtures.export(exporter));
        Document page = Jsoup.parse(scorm.text("01-what-is-a-qubit.html"));

        Element quiz = page.selectFirst("form.quiz");
        assertThat(quiz.attr("data-mastery-score")).isEqualTo("80");
        assertThat(quiz.attr("data-result-template")).isEqualTo("{correct} of {total} correct ({score}%)");
        Elements questions = quiz.select("fieldset.question");
        assertThat(questions).hasSize(2);
        assertThat(questions.first().attr("data-correct")).isEqualTo("1");
        assertThat(questions.first().select("legend").text()).isEqualTo("1. Which is a qubit?");
        assertThat(questions.first().select("input[type=radio]").eachAttr("value")).containsExactly("0", "1", "2", "3");
        assertThat(questions.first().select("label").eachText()).containsExactly("A. A bit",
                "B. A two-state quantum system", "C. A byte", "D. A <script>alert('option')</script> trick");
        assertThat(questions.first().select(".explanation").hasAttr("hidden")).isTrue();
        assertThat(quiz.select("button[type=submit]").text()).isEqualTo("Check answers");
        assertThat(Jsoup.parse(scorm.text("03-entanglement.html")).select("form")).isEmpty();
    }

    @Test
    void markupInjectedIntoLessonsAndCaptionsIsShownAsText() {
        ScormPackage scorm = ScormPackage.read(fixtures.export(exporter));

        Document first = Jsoup.parse(scorm.text("01-what-is-a-qubit.html"));
        assertThat(first.text()).contains(ExportFixtures.MARKDOWN_SCRIPT);
        assertThat(first.select("div[onclick], a[href^=javascript]")).isEmpty();
        Document second = Jsoup.parse(scorm.text("02-superposition-measurement.html"));
        assertThat(second.select("figcaption").text()).contains(ExportFixtures.CAPTION_SCRIPT);
        assertThat(second.select("script")).hasSize(1);
    }

    @Test
    void runtimeFindsTheLmsApiAndReportsStatusScoreAndFinish() {
        String script = ScormPackage.read(fixtures.export(exporter)).text("shared/scorm12.js");

        assertThat(script).contains("win.parent", "window.opener", "LMSInitialize(\"\")", "cmi.core.lesson_status",
                "\"completed\"", "\"passed\"", "\"failed\"", "cmi.core.score.raw", "cmi.core.score.min",
                "cmi.core.score.max", "LMSCommit(\"\")", "LMSFinish(\"\")", "cmi.core.session_time");
        List<String> unloadEvents = List.of("\"beforeunload\"", "\"pagehide\"", "\"unload\"");
        assertThat(script).contains(unloadEvents);
    }

    @Test
    void manifestKeepsTitlesReadableEvenWithCharactersXmlCannotCarry() {
        ExportFixtures odd = new ExportFixtures("en", "Bits \u0001& <bytes> \"quoted\"");

        ScormPackage scorm = ScormPackage.read(odd.export(exporter));

        assertThat(scorm.text("imsmanifest.xml")).contains("<title>Bits &amp; &lt;bytes&gt; \"quoted\"</title>");
    }
}
