package io.coursegen.content.writing;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.LessonRules;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.CourseLanguage;
import io.coursegen.llm.OfflineModel;
import io.coursegen.llm.OfflineTexts;
import java.lang.Character.UnicodeScript;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OfflineLessonWriterTest {

    private final OfflineLessonWriter writer = new OfflineLessonWriter(OfflineModel.immediate());

    @Test
    void writesTheSameLessonForTheSameRequest() {
        assertThat(writer.write(request(2, true))).isEqualTo(writer.write(request(2, true)));
    }

    @Test
    void saysItIsAnOfflineDraftWrittenWithoutALanguageModel() {
        WrittenLesson written = writer.write(request(2, true));

        assertThat(written.lesson().markdown()).startsWith("> [Offline draft]").contains("without a language model");
        assertThat(written.lesson().keyTakeaways()).anySatisfy(takeaway -> assertThat(takeaway).contains("offline draft"));
        assertThat(written.usage()).isEqualTo(new Usage("offline", "offline", 0, 0, 0, 0));
    }

    @Test
    void hasIntroductionExplanationWorkedExampleAndSummarySections() {
        Lesson lesson = writer.write(request(2, true)).lesson();

        assertThat(lesson.title()).isEqualTo("Water, roots and stomata");
        assertThat(lesson.markdown()).containsSubsequence(
                "## Introduction", "following \"How leaves catch light\"", "## Explanation", "- osmosis",
                "## Worked example", "## Summary", "the next lesson is \"From carbon dioxide to sugar\"");
    }

    @Test
    void hasThreeTakeawaysAndThreeFourOptionQuestionsWhoseAnswerIsTheRightOption() {
        Lesson lesson = writer.write(request(2, true)).lesson();

        assertThat(lesson.keyTakeaways()).hasSize(3);
        assertThat(lesson.quiz()).hasSize(3).allSatisfy(question -> assertThat(question.options()).hasSize(4));
        assertThat(lesson.quiz().get(0).options().get(lesson.quiz().get(0).correctOption())).isEqualTo("osmosis");
        assertThat(lesson.quiz()).extracting(Lesson.QuizQuestion::correctOption).containsExactly(2, 3, 0);
        assertThat(LessonRules.problems(true, lesson)).isEmpty();
    }

    @Test
    void writesNoQuizForACourseWithoutQuizzes() {
        Lesson lesson = writer.write(request(1, false)).lesson();

        assertThat(lesson.quiz()).isEmpty();
        assertThat(lesson.markdown()).contains("the first one");
        assertThat(LessonRules.problems(false, lesson)).isEmpty();
    }

    @Test
    void writesATraditionalChineseLessonInTraditionalChineseLabelledAsAnOfflineDraft() {
        CourseSpec spec = new CourseSpec("光合作用", "園丁", "beginner", "zh-TW", 3, true, "watercolour");
        OutlineLesson lesson = new OutlineLesson("lesson-02", 2, "水、根與氣孔", "水如何到達葉子。", List.of("說明滲透作用"),
                List.of("滲透作用", "木質部"), 15, "植物需要什麼");
        LessonRequested request = new LessonRequested("course-1", "tenant-1", "從光到糖", spec, lesson, "葉子如何捕捉光",
                "從二氧化碳到糖");

        Lesson written = writer.write(request).lesson();

        assertThat(written.markdown()).startsWith("> [離線草稿] 本課由範本產生，未使用語言模型。")
                .containsSubsequence("## 導言", "接續「葉子如何捕捉光」", "## 說明", "- 滲透作用", "## 實作範例", "## 總結",
                        "下一課是「從二氧化碳到糖」")
                .doesNotContain("Offline", "lesson", "Introduction");
        assertThat(written.keyTakeaways()).contains("這段文字是離線草稿；若要真正的課程內容，請使用語言模型產生課程。");
        assertThat(written.quiz().get(2).options()).contains("依範本產生，未使用語言模型");
        assertThat(written.quiz()).allSatisfy(question -> assertThat(question.question()).doesNotContainPattern("[A-Za-z]"));
        assertThat(LessonRules.problems(true, written)).isEmpty();
    }

    @Test
    void writesAJapaneseLessonInJapaneseLabelledAsAnOfflineDraft() {
        CourseSpec spec = new CourseSpec("Photosynthesis", "gardeners", "beginner", "ja", 3, true, "watercolour");
        LessonRequested request = new LessonRequested("course-1", "tenant-1", "光から糖へ", spec,
                new OutlineLesson("lesson-01", 1, "葉が光をとらえる仕組み", "葉緑素の働き。", List.of("葉緑素の働きを説明する"),
                        List.of("葉緑素"), 10, "植物が取り入れるもの"), null, null);

        Lesson written = writer.write(request).lesson();

        assertThat(written.markdown()).startsWith("> [オフライン下書き] このレッスンは言語モデルを使わずに")
                .containsSubsequence("## はじめに", "最初のレッスンです", "## 解説", "## 例題", "## まとめ", "コースの最後のレッスンです");
        assertThat(written.markdown().codePoints().mapToObj(UnicodeScript::of).distinct().toList())
                .contains(UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA, UnicodeScript.HAN);
        assertThat(written.keyTakeaways()).anySatisfy(takeaway -> assertThat(takeaway).contains("オフライン下書き"));
        assertThat(LessonRules.problems(true, written)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CourseLanguage.class)
    void everyLanguageHasEveryTextAndALabelThatSaysOffline(CourseLanguage language) {
        OfflineTexts texts = OfflineTexts.load("lesson", language);

        assertThat(texts.keys()).isEqualTo(OfflineTexts.load("lesson", CourseLanguage.EN).keys());
        assertThat(texts.text("label")).matches("\\[.*(Offline|離線|离线|オフライン|sin conexión|hors ligne).*]");
        LessonRequested request = request(2, true, language.tag());
        Lesson lesson = writer.write(request).lesson();
        assertThat(lesson.markdown()).startsWith("> " + texts.text("label"));
        assertThat(LessonRules.problems(true, lesson)).isEmpty();
    }

    private static LessonRequested request(int position, boolean includeQuiz) {
        return request(position, includeQuiz, "en");
    }

    private static LessonRequested request(int position, boolean includeQuiz, String language) {
        CourseSpec spec = new CourseSpec("Photosynthesis", "gardeners", "beginner", language, 3, includeQuiz, "watercolour");
        OutlineLesson lesson = new OutlineLesson("lesson-0" + position, position, "Water, roots and stomata",
                "How water reaches the leaves.", List.of("Explain osmosis"), List.of("osmosis", "xylem"), 15);
        return new LessonRequested("course-1", "tenant-1", "Light into sugar", spec, lesson,
                position == 1 ? null : "How leaves catch light", "From carbon dioxide to sugar");
    }
}
