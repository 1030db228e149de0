package io.coursegen.outline.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.OutlineRules;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.CourseLanguage;
import io.coursegen.llm.OfflineModel;
import io.coursegen.llm.OfflineTexts;
import io.coursegen.contracts.OutlineDraft.DraftLesson;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedModule;
import java.lang.Character.UnicodeScript;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OfflineOutlineWriterTest {

    private final OfflineOutlineWriter writer = new OfflineOutlineWriter(OfflineModel.immediate());

    @Test
    void writesTheSameOutlineForTheSameRequest() {
        CourseSpec spec = spec("Quantum computing", 6);

        assertThat(writer.write(spec)).isEqualTo(writer.write(spec));
    }

    @Test
    void saysItIsAnOfflineDraftWrittenWithoutALanguageModel() {
        WrittenOutline written = writer.write(spec("Quantum computing", 3));

        assertThat(written.outline().title()).isEqualTo("[Offline draft] Quantum computing");
        assertThat(written.outline().description()).contains("without a language model");
        assertThat(written.outline().draft().allLessons()).allSatisfy(lesson -> assertThat(lesson.summary()).startsWith("Offline draft:"));
        assertThat(written.usage()).isEqualTo(new Usage("offline", "offline", 0, 0, 0, 0));
    }

    @Test
    void writesExactlyTheRequestedLessonsWithDistinctTitlesEvenPastItsTemplates() {
        for (int count : new int[] {1, 3, 8, 12, 30}) {
            CourseSpec spec = spec("Sourdough baking", count);
            WrittenOutline written = writer.write(spec);

            assertThat(written.outline().draft().allLessons()).hasSize(count);
            assertThat(written.outline().draft().allLessons()).extracting(DraftLesson::title).doesNotHaveDuplicates()
                    .allSatisfy(title -> assertThat(title).contains("Sourdough baking"));
            assertThat(OutlineRules.problems(spec, written.outline().draft())).isEmpty();
        }
    }

    @Test
    void groupsTheLessonsIntoModulesOfAtMostFourThatDifferInSizeByAtMostOne() {
        assertThat(moduleSizes(1)).containsExactly(1);
        assertThat(moduleSizes(4)).containsExactly(4);
        assertThat(moduleSizes(6)).containsExactly(3, 3);
        assertThat(moduleSizes(7)).containsExactly(4, 3);
        assertThat(moduleSizes(30)).containsExactly(4, 4, 4, 4, 4, 4, 3, 3);
        assertThat(writer.write(spec("Sourdough baking", 6)).outline().modules()).extracting(GeneratedModule::title)
                .containsExactly("Module 1: Sourdough baking", "Module 2: Sourdough baking");
    }

    @Test
    void fillsEveryFieldTheModelWouldFill() {
        GeneratedOutline outline = writer.write(spec("Sourdough baking", 4)).outline();

        assertThat(outline.audience()).isEqualTo("home bakers");
        assertThat(outline.prerequisites()).isNotEmpty();
        assertThat(outline.learningObjectives()).hasSizeBetween(3, 6);
        assertThat(outline.draft().allLessons()).allSatisfy(lesson -> {
            assertThat(lesson.objectives()).isNotEmpty();
            assertThat(lesson.keyConcepts()).isNotEmpty();
            assertThat(lesson.estimatedMinutes()).isPositive();
        });
    }

    @Test
    void writesATraditionalChineseCourseInTraditionalChineseLabelledAsAnOfflineDraft() {
        CourseSpec spec = new CourseSpec("量子計算", "產品經理", "beginner", "zh-TW", 3, true, "flat");

        GeneratedOutline outline = writer.write(spec).outline();

        assertThat(outline.title()).isEqualTo("[離線草稿] 量子計算");
        assertThat(outline.description()).contains("離線草稿", "沒有使用語言模型", "初學").doesNotContain("offline", "Offline");
        assertThat(outline.modules()).extracting(GeneratedModule::title).containsExactly("第 1 單元：量子計算");
        assertThat(outline.draft().allLessons()).extracting(DraftLesson::title)
                .containsExactly("「量子計算」的基礎", "「量子計算」的關鍵概念", "「量子計算」的工具與技巧");
        assertThat(outline.draft().allLessons()).allSatisfy(lesson -> assertThat(lesson.summary()).startsWith("離線草稿："));
        assertThat(allText(outline)).doesNotContain("Offline draft", "lesson", "Module");
        assertThat(OutlineRules.problems(spec, outline.draft())).isEmpty();
    }

    @Test
    void writesAJapaneseCourseInJapaneseLabelledAsAnOfflineDraft() {
        CourseSpec spec = new CourseSpec("Quantum computing", "product managers", "intermediate", "ja", 5, true, "flat");

        GeneratedOutline outline = writer.write(spec).outline();

        assertThat(outline.title()).isEqualTo("[オフライン下書き] Quantum computing");
        assertThat(outline.description()).contains("オフライン", "言語モデルを使わず", "中級");
        assertThat(outline.modules()).extracting(GeneratedModule::title)
                .containsExactly("モジュール 1：Quantum computing", "モジュール 2：Quantum computing");
        assertThat(outline.learningObjectives()).allSatisfy(objective -> assertThat(objective).endsWith("する"));
        assertThat(outline.draft().allLessons()).allSatisfy(lesson -> {
            assertThat(lesson.summary()).startsWith("オフライン下書き：");
            assertThat(scriptsOf(lesson.summary())).contains(UnicodeScript.KATAKANA, UnicodeScript.HIRAGANA, UnicodeScript.HAN);
        });
        assertThat(OutlineRules.problems(spec, outline.draft())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CourseLanguage.class)
    void everyLanguageHasEveryTextAndALabelThatSaysOffline(CourseLanguage language) {
        OfflineTexts texts = OfflineTexts.load("outline", language);

        assertThat(texts.keys()).isEqualTo(OfflineTexts.load("outline", CourseLanguage.EN).keys());
        assertThat(texts.text("label")).matches("\\[.*(Offline|離線|离线|オフライン|sin conexión|hors ligne).*]");
        CourseSpec spec = new CourseSpec("Topic", "everyone", "advanced", language.tag(), 9, true, "flat");
        assertThat(OutlineRules.problems(spec, writer.write(spec).outline().draft())).isEmpty();
    }

    @Test
    void refusesALanguageWithoutDraftsNamingTheSupportedOnes() {
        CourseSpec spec = new CourseSpec("Topic", "everyone", "beginner", "pt-BR", 3, true, "flat");

        assertThatThrownBy(() -> writer.write(spec))
                .isInstanceOf(CourseLanguage.UnsupportedLanguageException.class)
                .hasMessage("The course language \"pt-BR\" is not supported; supported are en, zh-TW, zh-CN, ja, es, fr, de");
    }

    private List<Integer> moduleSizes(int lessons) {
        return writer.write(spec("Sourdough baking", lessons)).outline().modules().stream()
                .map(module -> module.lessons().size()).toList();
    }

    private static String allText(GeneratedOutline outline) {
        return Stream.concat(Stream.of(outline.title(), outline.description()),
                        Stream.concat(outline.modules().stream().map(GeneratedModule::title), outline.draft().allLessons().stream()
                                .flatMap(lesson -> Stream.concat(Stream.of(lesson.title(), lesson.summary()),
                                        Stream.concat(lesson.objectives().stream(), lesson.keyConcepts().stream())))))
                .reduce("", (a, b) -> a + "\n" + b);
    }

    private static List<UnicodeScript> scriptsOf(String text) {
        return text.codePoints().mapToObj(UnicodeScript::of).distinct().toList();
    }

    private static CourseSpec spec(String topic, int lessons) {
        return new CourseSpec(topic, "home bakers", "beginner", "en", lessons, true, "flat illustration");
    }
}
