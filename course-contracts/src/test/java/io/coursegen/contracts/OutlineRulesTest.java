package io.coursegen.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coursegen.contracts.OutlineDraft.DraftLesson;
import io.coursegen.contracts.OutlineDraft.DraftModule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutlineRulesTest {

    private static final List<String> OBJECTIVES = List.of("Describe photosynthesis", "Explain stomata", "Apply fertiliser");

    private final CourseSpec threeLessons = spec("en", 3);

    @Test
    void acceptsAnOutlineThatMeetsEveryRule() {
        assertThat(OutlineRules.problems(threeLessons, outline(lesson("Light"), lesson("Water"), lesson("Sugar")))).isEmpty();
    }

    @Test
    void countsTheLessonsOfAllModulesTogether() {
        OutlineDraft twoModules = outline(OBJECTIVES, List.of(
                new DraftModule("Inputs", List.of(lesson("Light"), lesson("Water"))),
                new DraftModule("Outputs", List.of(lesson("Sugar")))));

        assertThat(OutlineRules.problems(threeLessons, twoModules)).isEmpty();
        assertThat(twoModules.allLessons()).extracting(DraftLesson::title).containsExactly("Light", "Water", "Sugar");
    }

    @Test
    void rejectsAnOutlineWithMoreOrFewerLessonsThanRequested() {
        assertThat(OutlineRules.problems(threeLessons, outline(lesson("Light"), lesson("Water"))))
                .containsExactly("expected exactly 3 lessons but got 2");
        assertThat(OutlineRules.problems(threeLessons, outline(lesson("Light"), lesson("Water"), lesson("Sugar"), lesson("Soil"))))
                .containsExactly("expected exactly 3 lessons but got 4");
    }

    @Test
    void wantsModulesWithDistinctTitlesAndAtLeastOneLessonEach() {
        OutlineDraft outline = outline(OBJECTIVES, List.of(
                new DraftModule("Inputs", List.of(lesson("Light"), lesson("Water"))),
                new DraftModule(" inputs ", List.of(lesson("Sugar"))),
                new DraftModule(" ", List.of())));

        assertThat(OutlineRules.problems(threeLessons, outline)).containsExactly(
                "module 2 repeats the module title \"inputs\"",
                "module 3 has a blank title",
                "module 3 has no lessons");
        assertThat(OutlineRules.problems(threeLessons, outline(OBJECTIVES, List.of())))
                .containsExactly("the outline has no modules", "expected exactly 3 lessons but got 0");
    }

    @Test
    void rejectsBlankLessonTitlesSummariesObjectivesAndKeyConcepts() {
        DraftLesson blankTitle = new DraftLesson(" ", "A summary", List.of("Describe light"), List.of("light"), 10);
        DraftLesson blankSummary = new DraftLesson("Water", "", List.of("Describe water"), List.of("water"), 10);
        DraftLesson blankItems = new DraftLesson("Sugar", "A summary", List.of("Describe sugar", " "),
                List.of("glucose", ""), 10);

        assertThat(OutlineRules.problems(threeLessons, outline(blankTitle, blankSummary, blankItems))).containsExactly(
                "lesson 1 has a blank title",
                "lesson 2 has a blank summary",
                "lesson 3 objective 2 is blank",
                "lesson 3 key concept 2 is blank");
    }

    @Test
    void rejectsLessonTitlesThatRepeatIgnoringCaseAndSpaces() {
        assertThat(OutlineRules.problems(threeLessons, outline(lesson("Light"), lesson(" light "), lesson("Sugar"))))
                .containsExactly("lesson 2 repeats the title \"light\"");
    }

    @Test
    void wantsThreeToSixLearningObjectives() {
        assertThat(OutlineRules.problems(threeLessons, outline(List.of("Describe light", "Explain water"))))
                .containsExactly("expected 3 to 6 learning objectives but got 2");
        assertThat(OutlineRules.problems(threeLessons, outline(objectives(7)))).containsExactly(
                "expected 3 to 6 learning objectives but got 7");
        assertThat(OutlineRules.problems(threeLessons, outline(objectives(6)))).isEmpty();
    }

    @Test
    void wantsEnglishObjectivesToStartWithAMeasurableVerb() {
        DraftLesson vague = new DraftLesson("Water", "A summary", List.of("Know how water moves"), List.of("water"), 10);
        OutlineDraft outline = outline(List.of("Understand photosynthesis", "Explain: stomata", "Calculate yields"),
                List.of(new DraftModule("All", List.of(lesson("Light"), vague, lesson("Sugar")))));

        assertThat(OutlineRules.problems(threeLessons, outline)).containsExactly(
                "learning objective 1 does not start with a measurable verb (describe, explain, apply, ...): \"Understand photosynthesis\"",
                "lesson 2 objective 1 does not start with a measurable verb (describe, explain, apply, ...): \"Know how water moves\"");
    }

    @Test
    void leavesTheVerbsOfOtherLanguagesToThePrompt() {
        OutlineDraft japanese = new OutlineDraft("光合成", "植物が糖を作る仕組み。", "園芸家", List.of(),
                List.of("光合成を説明する", "気孔の働きを説明する", "肥料の使い方を応用する"),
                List.of(new DraftModule("基礎", List.of(
                        new DraftLesson("光", "光の役割。", List.of("光の役割を説明する"), List.of("葉緑素"), 10)))));

        assertThat(OutlineRules.problems(spec("ja", 1), japanese)).isEmpty();
    }

    @Test
    void wantsEveryLessonToTakeAtLeastOneMinute() {
        DraftLesson noTime = new DraftLesson("Water", "A summary", List.of("Describe water"), List.of("water"), 0);

        assertThat(OutlineRules.problems(threeLessons, outline(lesson("Light"), noTime, lesson("Sugar"))))
                .containsExactly("lesson 2 has estimatedMinutes 0, expected at least 1");
    }

    @Test
    void reportsMissingPartsInsteadOfFailingOnThem() {
        List<DraftLesson> lessons = new ArrayList<>(List.of(lesson("Light"), lesson("Water"), lesson("Sugar")));
        lessons.set(1, null);
        List<DraftModule> modules = new ArrayList<>();
        modules.add(new DraftModule("All", lessons));
        modules.add(null);
        OutlineDraft outline = new OutlineDraft(null, "A description", " ", null, null, modules);

        assertThat(OutlineRules.problems(threeLessons, outline)).containsExactly(
                "the course title is blank",
                "the audience is blank",
                "the prerequisites are missing (use an empty list for none)",
                "expected 3 to 6 learning objectives but got 0",
                "module 2 is missing",
                "lesson 2 is missing");
    }

    @Test
    void letsAnAuthorChangeTheNumberOfLessonsWithinOneToThirty() {
        assertThat(OutlineRules.problemsOfEdit(threeLessons, outline(lesson("Light"), lesson("Water")))).isEmpty();
        assertThat(OutlineRules.problemsOfEdit(threeLessons, outline(lessons(30)))).isEmpty();
        assertThat(OutlineRules.problemsOfEdit(threeLessons, outline(lessons(31))))
                .containsExactly("expected 1 to 30 lessons but got 31");
        assertThat(OutlineRules.problemsOfEdit(threeLessons, outline(OBJECTIVES, List.of())))
                .contains("the outline has no modules", "expected 1 to 30 lessons but got 0");
    }

    @Test
    void holdsAnAuthorToTheSameRulesAsTheModel() {
        assertThat(OutlineRules.problemsOfEdit(threeLessons, outline(lesson("Light"), lesson(" light "))))
                .containsExactly("lesson 2 repeats the title \"light\"");
    }

    @Test
    void numbersLessonsAcrossModulesAndGroupsThemBackIntoTheSameModules() {
        OutlineDraft draft = outline(OBJECTIVES, List.of(
                new DraftModule("Basics", List.of(lesson("Light"), lesson("Water"))),
                new DraftModule("Chemistry", List.of(lesson("Sugar")))));

        Outline numbered = draft.numbered();

        assertThat(numbered.lessons()).extracting(Outline.OutlineLesson::lessonId, Outline.OutlineLesson::position,
                        Outline.OutlineLesson::module)
                .containsExactly(tuple("lesson-01", 1, "Basics"),
                        tuple("lesson-02", 2, "Basics"),
                        tuple("lesson-03", 3, "Chemistry"));
        assertThat(OutlineDraft.of(numbered)).isEqualTo(draft);
    }

    private static CourseSpec spec(String language, int lessons) {
        return new CourseSpec("Photosynthesis", "gardeners", "beginner", language, lessons, true, "watercolour");
    }

    private static List<String> objectives(int count) {
        return List.of("Describe a", "Explain b", "Apply c", "Compare d", "Design e", "Evaluate f", "Identify g")
                .subList(0, count);
    }

    private static DraftLesson lesson(String title) {
        return new DraftLesson(title, "What " + title + " does.", List.of("Describe " + title), List.of(title), 12);
    }

    private static DraftLesson[] lessons(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> lesson("Part " + i))
                .toArray(DraftLesson[]::new);
    }

    private static OutlineDraft outline(DraftLesson... lessons) {
        return outline(OBJECTIVES, List.of(new DraftModule("Photosynthesis step by step", List.of(lessons))));
    }

    private static OutlineDraft outline(List<String> objectives) {
        return outline(objectives, List.of(new DraftModule("All", List.of(lesson("Light"), lesson("Water"), lesson("Sugar")))));
    }

    private static OutlineDraft outline(List<String> objectives, List<DraftModule> modules) {
        return new OutlineDraft("Photosynthesis", "How plants make sugar.", "gardeners", List.of(), objectives, modules);
    }
}
