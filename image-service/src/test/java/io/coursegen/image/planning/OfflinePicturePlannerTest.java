package io.coursegen.image.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.CourseLanguage;
import io.coursegen.llm.OfflineModel;
import io.coursegen.llm.OfflineTexts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OfflinePicturePlannerTest {

    private final OfflinePicturePlanner planner = new OfflinePicturePlanner(OfflineModel.immediate());

    @Test
    void plansALabelledPlaceholderStandingForTheFirstKeyConcept() {
        PlannedPicture planned = planner.plan(request("Superposition", "superposition", "measurement"));

        PicturePlan plan = planned.plan();
        assertThat(plan.caption()).startsWith("[Offline placeholder]").contains("\"superposition\"", "\"Superposition\"");
        assertThat(plan.altText()).contains("abstract placeholder", "stands for the concept \"superposition\"");
        assertThat(plan.visualConcept()).contains("superposition");
        assertThat(plan.imagePrompt()).contains("superposition");
        assertThat(plan.validated()).isEqualTo(plan);
        assertThat(planned.usage()).isEqualTo(new Usage("offline", "offline", 0, 0, 0, 0));
    }

    @Test
    void theSameRequestGetsTheSamePlan() {
        assertThat(planner.plan(request("Superposition", "superposition")))
                .isEqualTo(planner.plan(request("Superposition", "superposition")));
    }

    @Test
    void fallsBackToTheSubjectTitleWhenNoKeyConceptIsNamed() {
        assertThat(planner.plan(request("Entanglement")).plan().altText()).contains("\"Entanglement\"");
        assertThat(planner.plan(request("Entanglement", " ", "")).plan().altText()).contains("\"Entanglement\"");
        assertThat(planner.plan(request(null)).plan().altText()).contains("\"the subject\"");
    }

    @Test
    void writesCaptionAndAltTextInTraditionalChineseAndTheImagePromptInEnglish() {
        PicturePlan plan = planner.plan(requestIn("zh-TW", "疊加態", "疊加", "測量")).plan();

        assertThat(plan.caption()).isEqualTo("[離線佔位圖] 以抽象圖形代表「疊加態」中的「疊加」；未使用影像模型繪製。");
        assertThat(plan.altText()).startsWith("一張由彩色幾何圖形組成的抽象佔位圖").contains("「疊加」").doesNotContainPattern("[A-Za-z]");
        assertThat(plan.visualConcept()).isEqualTo("代表「疊加」的抽象佔位圖");
        assertThat(plan.imagePrompt()).startsWith("Abstract composition of overlapping coloured geometric shapes");
        assertThat(planner.plan(requestIn("zh-TW", null)).plan().altText()).contains("「本主題」");
    }

    @Test
    void writesCaptionAndAltTextInJapanese() {
        PicturePlan plan = planner.plan(requestIn("ja", "重ね合わせ", "重ね合わせ")).plan();

        assertThat(plan.caption()).startsWith("[オフライン・プレースホルダー] ").contains("「重ね合わせ」", "画像モデルを使わずに");
        assertThat(plan.altText()).contains("プレースホルダー画像", "オフラインで描画");
        assertThat(plan.imagePrompt()).contains("an offline placeholder, not a depiction");
    }

    @ParameterizedTest
    @EnumSource(CourseLanguage.class)
    void everyLanguageHasEveryTextALabelThatSaysOfflineAndShortTextsWhateverTheConceptsLength(CourseLanguage language) {
        OfflineTexts texts = OfflineTexts.load("picture", language);
        String longConcept = "quantum ".repeat(100);

        PicturePlan plan = planner.plan(requestIn(language.tag(), longConcept, longConcept)).plan();

        assertThat(texts.keys()).isEqualTo(OfflineTexts.load("picture", CourseLanguage.EN).keys());
        assertThat(texts.text("label")).matches("\\[.*(Offline|離線|离线|オフライン|sin conexión|hors ligne).*]");
        assertThat(plan.caption()).startsWith(texts.text("label")).hasSizeLessThanOrEqualTo(PicturePlan.MAX_TEXT_LENGTH);
        assertThat(plan.altText()).hasSizeLessThanOrEqualTo(PicturePlan.MAX_TEXT_LENGTH);
        assertThat(plan.problems()).isEmpty();
    }

    @Test
    void aRegeneratedPicturesCaptionSaysWhichRevisionItIs() {
        ImageRequested first = request("Superposition", "superposition");
        ImageRequested again = new ImageRequested(first.courseId(), first.tenantId(), first.imageId(), first.lessonId(),
                first.courseTitle(), first.subjectTitle(), first.subjectSummary(), first.keyConcepts(), first.audience(),
                first.language(), first.imageStyle(), 2, "Warmer colours");

        PicturePlan plan = planner.plan(again).plan();

        assertThat(plan.caption()).isEqualTo(planner.plan(first).plan().caption() + " Revision 2.")
                .doesNotContain("Warmer colours");
        assertThat(plan.validated()).isEqualTo(plan);
    }

    private static ImageRequested request(String subjectTitle, String... keyConcepts) {
        return requestIn("en", subjectTitle, keyConcepts);
    }

    private static ImageRequested requestIn(String language, String subjectTitle, String... keyConcepts) {
        List<String> concepts = new ArrayList<>(Arrays.asList(keyConcepts));
        return new ImageRequested("course-1", "tenant-a", "lesson-02", "lesson-02", "Quantum computing",
                subjectTitle, "A summary.", concepts, "product managers", language, "flat");
    }
}
