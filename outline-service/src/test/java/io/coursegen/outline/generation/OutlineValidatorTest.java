package io.coursegen.outline.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedLesson;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutlineValidatorTest {

    private static final List<String> OBJECTIVES = List.of("Describe photosynthesis", "Explain stomata", "Apply fertiliser");

    private final OutlineValidator validator = new OutlineValidator();
    private final CourseSpec threeLessons = spec("en", 3);

    @Test
    void acceptsAnOutlineThatMeetsEveryRule() {
        assertThat(validator.problems(threeLessons, outline(lesson("Light"), lesson("Water"), lesson("Sugar")))).isEmpty();
    }

    @Test
    void countsTheLessonsOfAllModulesTogether() {
        GeneratedOutline twoModules = outline(OBJECTIVES, List.of(
                new GeneratedModule("Inputs", List.of(lesson("Light"), lesson("Water"))),
                new GeneratedModule("Outputs", List.of(lesson("Sugar")))));

        assertThat(validator.problems(threeLessons, twoModules)).isEmpty();
        assertThat(twoModules.allLessons()).extracting(GeneratedLesson::title).containsExactly("Light", "Water", "Sugar");
    }

    @Test
    void rejectsAnOutlineWithMoreOrFewerLessonsThanRequested() {
        assertThat(validator.problems(threeLessons, outline(lesson("Light"), lesson("Water"))))
                .containsExactly("expected exactly 3 lessons but got 2");
        assertThat(validator.problems(threeLessons, outline(lesson("Light"), lesson("Water"), lesson("Sugar"), lesson("Soil"))))
                .containsExactly("expected exactly 3 lessons but got 4");
    }

    @Test
    void wantsModulesWithDistinctTitlesAndAtLeastOneLessonEach() {
        GeneratedOutline outline = outline(OBJECTIVES, List.of(
                new GeneratedModule("Inputs", List.of(lesson("Light"), lesson("Water"))),
                new GeneratedModule(" inputs ", List.of(lesson("Sugar"))),
                new GeneratedModule(" ", List.of())));

        assertThat(validator.problems(threeLessons, outline)).containsExactly(
                "module 2 repeats the module title \"inputs\"",
                "module 3 has a blank title",
                "module 3 has no lessons");
        assertThat(validator.problems(threeLessons, outline(OBJECTIVES, List.of())))
                .containsExactly("the outline has no modules", "expected exactly 3 lessons but got 0");
    }

    @Test
    void rejectsBlankLessonTitlesSummariesObjectivesAndKeyConcepts() {
        GeneratedLesson blankTitle = new GeneratedLesson(" ", "A summary", List.of("Describe light"), List.of("light"), 10);
        GeneratedLesson blankSummary = new GeneratedLesson("Water", "", List.of("Describe water"), List.of("water"), 10);
        GeneratedLesson blankItems = new GeneratedLesson("Sugar", "A summary", List.of("Describe sugar", " "),
                List.of("glucose", ""), 10);

        assertThat(validator.problems(threeLessons, outline(blankTitle, blankSummary, blankItems))).containsExactly(
                "lesson 1 has a blank title",
                "lesson 2 has a blank summary",
                "lesson 3 objective 2 is blank",
                "lesson 3 key concept 2 is blank");
    }

    @Test
    void rejectsLessonTitlesThatRepeatIgnoringCaseAndSpaces() {
        assertThat(validator.problems(threeLessons, outline(lesson("Light"), lesson(" light "), lesson("Sugar"))))
                .containsExactly("lesson 2 repeats the title \"light\"");
    }

    @Test
    void wantsThreeToSixLearningObjectives() {
        assertThat(validator.problems(threeLessons, outline(List.of("Describe light", "Explain water"))))
                .containsExactly("expected 3 to 6 learning objectives but got 2");
        assertThat(validator.problems(threeLessons, outline(objectives(7)))).containsExactly(
                "expected 3 to 6 learning objectives but got 7");
        assertThat(validator.problems(threeLessons, outline(objectives(6)))).isEmpty();
    }

    @Test
    void wantsEnglishObjectivesToStartWithAMeasurableVerb() {
        GeneratedLesson vague = new GeneratedLesson("Water", "A summary", List.of("Know how water moves"), List.of("water"), 10);
        GeneratedOutline outline = outline(List.of("Understand photosynthesis", "Explain: stomata", "Calculate yields"),
                List.of(new GeneratedModule("All", List.of(lesson("Light"), vague, lesson("Sugar")))));

        assertThat(validator.problems(threeLessons, outline)).containsExactly(
                "learning objective 1 does not start with a measurable verb (describe, explain, apply, ...): \"Understand photosynthesis\"",
                "lesson 2 objective 1 does not start with a measurable verb (describe, explain, apply, ...): \"Know how water moves\"");
    }

    @Test
    void leavesTheVerbsOfOtherLanguagesToThePrompt() {
        GeneratedOutline japanese = new GeneratedOutline("光合成", "植物が糖を作る仕組み。", "園芸家", List.of(),
                List.of("光合成を説明する", "気孔の働きを説明する", "肥料の使い方を応用する"),
                List.of(new GeneratedModule("基礎", List.of(
                        new GeneratedLesson("光", "光の役割。", List.of("光の役割を説明する"), List.of("葉緑素"), 10)))));

        assertThat(validator.problems(spec("ja", 1), japanese)).isEmpty();
    }

    @Test
    void wantsEveryLessonToTakeAtLeastOneMinute() {
        GeneratedLesson noTime = new GeneratedLesson("Water", "A summary", List.of("Describe water"), List.of("water"), 0);

        assertThat(validator.problems(threeLessons, outline(lesson("Light"), noTime, lesson("Sugar"))))
                .containsExactly("lesson 2 has estimatedMinutes 0, expected at least 1");
    }

    @Test
    void reportsMissingPartsInsteadOfFailingOnThem() {
        List<GeneratedLesson> lessons = new ArrayList<>(List.of(lesson("Light"), lesson("Water"), lesson("Sugar")));
        lessons.set(1, null);
        List<GeneratedModule> modules = new ArrayList<>();
        modules.add(new GeneratedModule("All", lessons));
        modules.add(null);
        GeneratedOutline outline = new GeneratedOutline(null, "A description", " ", null, null, modules);

        assertThat(validator.problems(threeLessons, outline)).containsExactly(
                "the course title is blank",
                "the audience is blank",
                "the prerequisites are missing (use an empty list for none)",
                "expected 3 to 6 learning objectives but got 0",
                "module 2 is missing",
                "lesson 2 is missing");
    }

    private static CourseSpec spec(String language, int lessons) {
        return new CourseSpec("Photosynthesis", "gardeners", "beginner", language, lessons, true, "watercolour");
    }

    private static List<String> objectives(int count) {
        return List.of("Describe a", "Explain b", "Apply c", "Compare d", "Design e", "Evaluate f", "Identify g")
                .subList(0, count);
    }

    private static GeneratedLesson lesson(String title) {
        return new GeneratedLesson(title, "What " + title + " does.", List.of("Describe " + title), List.of(title), 12);
    }

    private static GeneratedOutline outline(GeneratedLesson... lessons) {
        return outline(OBJECTIVES, List.of(new GeneratedModule("Photosynthesis step by step", List.of(lessons))));
    }

    private static GeneratedOutline outline(List<String> objectives) {
        return outline(objectives, List.of(new GeneratedModule("All", List.of(lesson("Light"), lesson("Water"), lesson("Sugar")))));
    }

    private static GeneratedOutline outline(List<String> objectives, List<GeneratedModule> modules) {
        return new GeneratedOutline("Photosynthesis", "How plants make sugar.", "gardeners", List.of(), objectives, modules);
    }
}
