package io.coursegen.storage.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import org.htmlunit.BrowserVersion;
import org.htmlunit.MockWebConnection;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SCORM lessons run in a headless browser (HtmlUnit, with its JavaScript engine) inside a stand-in LMS: a
 * page that offers the SCORM 1.2 {@code API} object and records every call, with the lesson two frames below
 * it, as LMS players nest their content. Checks what an LMS would record, not the script's text.
 */
class Scorm12RuntimeTest {

    private static final String LMS = "http://lms.test/";
    private static final String LMS_PAGE = """
            <!doctype html><html><head><title>LMS</title><script>
            var calls = [];
            var data = {"cmi.core.lesson_status": "not attempted", "cmi.student_data.mastery_score": "%s"};
            window.API = {
              LMSInitialize: function (p) { calls.push("LMSInitialize(" + p + ")"); return "true"; },
              LMSGetValue: function (n) { calls.push("LMSGetValue " + n); return data[n] == null ? "" : data[n]; },
              LMSSetValue: function (n, v) { calls.push("LMSSetValue " + n + "=" + v); data[n] = v; return "true"; },
              LMSCommit: function (p) { calls.push("LMSCommit"); return "true"; },
              LMSFinish: function (p) { calls.push("LMSFinish"); return "true"; },
              LMSGetLastError: function () { return "0"; },
              LMSGetErrorString: function (c) { return ""; },
              LMSGetDiagnostic: function (c) { return ""; }
            };
            </script></head><body><iframe name="player" src="player.html"></iframe></body></html>
            """;

    private final ExportFixtures fixtures = new ExportFixtures();
    private final Map<String, byte[]> scorm = Zips.unzip(fixtures.export(new Scorm12Exporter(new LessonMarkdown())));
    private WebClient browser;
    private MockWebConnection web;

    @BeforeEach
    void browser() throws Exception {
        browser = new WebClient(BrowserVersion.FIREFOX);
        browser.getOptions().setThrowExceptionOnScriptError(true);
        browser.getOptions().setCssEnabled(false);
        web = new MockWebConnection();
        for (Map.Entry<String, byte[]> entry : scorm.entrySet()) {
            String type = entry.getKey().endsWith(".html") ? "text/html; charset=utf-8"
                    : entry.getKey().endsWith(".js") ? "text/javascript" : entry.getKey().endsWith(".css") ? "text/css"
                    : entry.getKey().endsWith(".png") ? "image/png" : "application/xml";
            web.setResponse(new URL(LMS + "content/" + entry.getKey()), entry.getValue(), 200, "OK", type, List.of());
        }
        browser.setWebConnection(web);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void lessonWithoutQuizIsReportedCompletedAndFinishedWhenLeft() throws Exception {
        HtmlPage lms = open("03-entanglement.html", "");

        assertThat(calls(lms)).containsExactly("LMSInitialize()", "LMSGetValue cmi.core.lesson_status",
                "LMSSetValue cmi.core.lesson_status=completed", "LMSCommit");

        leave(lms);

        List<String> after = calls(lms).subList(4, calls(lms).size());
        assertThat(after).hasSize(3);
        assertThat(after.get(0)).matches("LMSSetValue cmi\\.core\\.session_time=\\d{4}:\\d{2}:\\d{2}\\.\\d{2}");
        assertThat(after.subList(1, 3)).containsExactly("LMSCommit", "LMSFinish");
    }

    @Test
    void quizAnsweredWellEnoughIsPassedWithItsScore() throws Exception {
        HtmlPage lms = open("01-what-is-a-qubit.html", "");
        HtmlPage lesson = lesson(lms);
        assertThat(calls(lms)).containsExactly("LMSInitialize()", "LMSGetValue cmi.core.lesson_status",
                "LMSSetValue cmi.core.lesson_status=incomplete", "LMSCommit");

        choose(lesson, "question-1", "1");
        choose(lesson, "question-2", "0");
        lesson.<HtmlButton>querySelector("form.quiz button").click();

        assertThat(calls(lms).subList(4, calls(lms).size())).containsExactly(
                "LMSSetValue cmi.core.score.min=0", "LMSSetValue cmi.core.score.max=100",
                "LMSSetValue cmi.core.score.raw=100", "LMSGetValue cmi.student_data.mastery_score",
                "LMSSetValue cmi.core.lesson_status=passed", "LMSCommit");
        assertThat(lesson.querySelector("form.quiz .result").getTextContent()).isEqualTo("2 of 2 correct (100%)");
        assertThat(lesson.querySelector("fieldset .verdict").getTextContent()).isEqualTo("Correct");
        assertThat(lesson.querySelector("fieldset .explanation").getAttributes().getNamedItem("hidden")).isNull();
    }

    @Test
    void quizBelowTheLmsMasteryScoreIsFailed() throws Exception {
        HtmlPage lms = open("01-what-is-a-qubit.html", "75");
        HtmlPage lesson = lesson(lms);

        choose(lesson, "question-1", "1");
        choose(lesson, "question-2", "1");
        lesson.<HtmlButton>querySelector("form.quiz button").click();

        assertThat(calls(lms)).contains("LMSSetValue cmi.core.score.raw=50", "LMSSetValue cmi.core.lesson_status=failed")
                .doesNotContain("LMSSetValue cmi.core.lesson_status=passed");
        assertThat(lesson.querySelectorAll("fieldset .verdict").get(1).getTextContent()).isEqualTo("Not quite");
    }

    @Test
    void lessonOpenedWithoutAnLmsStillWorks() throws Exception {
        HtmlPage lesson = browser.getPage(LMS + "content/01-what-is-a-qubit.html");

        choose(lesson, "question-1", "1");
        lesson.<HtmlButton>querySelector("form.quiz button").click();

        assertThat(lesson.querySelector("form.quiz .result").getTextContent()).isEqualTo("1 of 2 correct (50%)");
    }

    /** The LMS page, with a player frame holding the lesson's frame, as LMS players nest content. */
    private HtmlPage open(String lesson, String masteryScore) throws Exception {
        web.setResponse(new URL(LMS + "lms.html"), LMS_PAGE.formatted(masteryScore));
        web.setResponse(new URL(LMS + "player.html"),
                "<!doctype html><html><body><iframe name=\"sco\" src=\"content/" + lesson + "\"></iframe></body></html>");
        HtmlPage lms = browser.getPage(LMS + "lms.html");
        browser.waitForBackgroundJavaScript(1_000);
        return lms;
    }

    private static HtmlPage lesson(HtmlPage lms) {
        HtmlPage player = (HtmlPage) lms.getFrameByName("player").getEnclosedPage();
        return (HtmlPage) player.getFrameByName("sco").getEnclosedPage();
    }

    private void leave(HtmlPage lms) throws Exception {
        HtmlPage player = (HtmlPage) lms.getFrameByName("player").getEnclosedPage();
        player.executeJavaScript("frames['sco'].location.href = 'about:blank';");
        browser.waitForBackgroundJavaScript(1_000);
    }

    private static void choose(HtmlPage lesson, String question, String value) throws Exception {
        lesson.<HtmlRadioButtonInput>querySelector("input[name=" + question + "][value=\"" + value + "\"]").click();
    }

    private static List<String> calls(HtmlPage lms) {
        Object result = lms.executeJavaScript("calls.join('\\n')").getJavaScriptResult();
        return List.of(String.valueOf(result).split("\n"));
    }
}
