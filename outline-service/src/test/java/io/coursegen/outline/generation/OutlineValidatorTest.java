package io.coursegen.outline.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedLesson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutlineValidatorTest {

    private final OutlineValidator validator = new OutlineValidator();
    private final CourseSpec threeLessons = new CourseSpec("Photosynthesis", "gardeners", "beginner", "en", 3, true, "watercolour");

    @Test
    void acceptsAnOutlineThatMeetsEveryRule() {
        assertThat(validator.problems(threeLessons, outline(List.of(lesson("Light"), lesson("Water"), lesson("Sugar")))))
                .isEmpty();
    }

    @Test
    void rejectsAnOutlineWithMoreOrFewerLessonsThanRequested() {
        assertThat(validator.problems(threeLessons, outline(List.of(lesson("Light"), lesson("Water")))))
                .containsExactly("expected exactly 3 lessons but got 2");
        assertThat(validator.problems(threeLessons,
                outline(List.of(lesson("Light"), lesson("Water"), lesson("Sugar"), lesson("Soil")))))
                .containsExactly("expected exactly 3 lessons but got 4");
    }

    @Test
    void rejectsBlankLessonTitlesAndSummaries() {
        GeneratedLesson blankTitle = new GeneratedLesson(" ", "A summary", List.of("Describe"), List.of("light"), 10);
        GeneratedLesson blankSummary = new GeneratedLesson("Water", "", List.of("Describe"), List.of("water"), 10);

        assertThat(validator.problems(threeLessons, outline(List.of(blankTitle, blankSummary, lesson("Sugar")))))
                .containsExactly("lesson 1 has a blank title", "lesson 2 has a blank summary");
    }

    @Test
    void rejectsLessonTitlesThatRepeatIgnoringCaseAndSpaces() {
        assertThat(validator.problems(threeLessons, outline(List.of(lesson("Light"), lesson(" light "), lesson("Sugar")))))
                .containsExactly("lesson 2 repeats the title \"light\"");
    }

    @Test
    void wantsThreeToSixLearningObjectives() {
        assertThat(validator.problems(threeLessons, outline(List.of("Describe", "Explain"), threeValidLessons())))
                .containsExactly("expected 3 to 6 learning objectives but got 2");
        assertThat(validator.problems(threeLessons, outline(List.of("a", "b", "c", "d", "e", "f", "g"), threeValidLessons())))
                .containsExactly("expected 3 to 6 learning objectives but got 7");
        assertThat(validator.problems(threeLessons, outline(List.of("a", "b", "c", "d", "e", "f"), threeValidLessons())))
                .isEmpty();
    }

    @Test
    void wantsEveryLessonToTakeAtLeastOneMinute() {
        GeneratedLesson noTime = new GeneratedLesson("Water", "A summary", List.of("Describe"), List.of("water"), 0);

        assertThat(validator.problems(threeLessons, outline(List.of(lesson("Light"), noTime, lesson("Sugar")))))
                .containsExactly("lesson 2 has estimatedMinutes 0, expected at least 1");
    }

    @Test
    void reportsMissingPartsInsteadOfFailingOnThem() {
        List<GeneratedLesson> lessons = new ArrayList<>(threeValidLessons());
        lessons.set(1, null);
        GeneratedOutline outline = new GeneratedOutline(null, "A description", "gardeners", null, null, lessons);

        assertThat(validator.problems(threeLessons, outline)).containsExactly(
                "the course title is blank",
                "the prerequisites are missing (use an empty list for none)",
                "expected 3 to 6 learning objectives but got 0",
                "lesson 2 is missing");
    }

    private static List<GeneratedLesson> threeValidLessons() {
        return List.of(lesson("Light"), lesson("Water"), lesson("Sugar"));
    }

    private static GeneratedLesson lesson(String title) {
        return new GeneratedLesson(title, "What " + title + " does.", List.of("Describe " + title), List.of(title), 12);
    }

    private static GeneratedOutline outline(List<GeneratedLesson> lessons) {
        return outline(List.of("Describe", "Explain", "Apply"), lessons);
    }

    private static GeneratedOutline outline(List<String> objectives, List<GeneratedLesson> lessons) {
        return new GeneratedOutline("Photosynthesis", "How plants make sugar.", "gardeners", List.of(), objectives, lessons);
    }
}
