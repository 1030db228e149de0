package io.coursegen.outline.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.coursegen.contracts.PartRequests;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.contracts.Usage;
import io.coursegen.outline.generation.GeneratedOutline;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedLesson;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedModule;
import io.coursegen.outline.generation.WrittenOutline;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanOutPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final Usage USAGE = new Usage("openai", "gpt-4o-mini", 1, 900, 700, 0);
    private static final CourseSpec SPEC = new CourseSpec("Photosynthesis", "gardeners", "beginner", "de", 3, true, "watercolour");
    private static final CourseRequested REQUEST = new CourseRequested("course-1", "tenant-1", SPEC, NOW.minusSeconds(5));

    private final FanOutPlanner planner = new FanOutPlanner();
    private final FanOut fanOut = planner.plan(REQUEST, new WrittenOutline(outline(), USAGE), NOW);

    @Test
    void publishesTheOutlineWithLessonsNumberedInTeachingOrder() {
        assertThat(fanOut.outlined().courseId()).isEqualTo("course-1");
        assertThat(fanOut.outlined().tenantId()).isEqualTo("tenant-1");
        assertThat(fanOut.outlined().usage()).isEqualTo(USAGE);
        assertThat(fanOut.outlined().outlinedAt()).isEqualTo(NOW);
        assertThat(fanOut.outlined().outline().title()).isEqualTo("Wie Pflanzen Zucker machen");
        assertThat(fanOut.outlined().outline().lessons())
                .extracting(OutlineLesson::lessonId, OutlineLesson::position, OutlineLesson::title)
                .containsExactly(
                        tuple("lesson-01", 1, "Licht"),
                        tuple("lesson-02", 2, "Wasser"),
                        tuple("lesson-03", 3, "Zucker"));
    }

    @Test
    void numbersLessonsAcrossModulesAndGivesEachItsModulesTitle() {
        assertThat(fanOut.outlined().outline().lessons())
                .extracting(OutlineLesson::position, OutlineLesson::module)
                .containsExactly(
                        tuple(1, "Was die Pflanze braucht"),
                        tuple(2, "Was die Pflanze braucht"),
                        tuple(3, "Was die Pflanze macht"));
    }

    @Test
    void numbersLessonIdsWithTwoDigits() {
        assertThat(io.coursegen.contracts.OutlineDraft.lessonId(1)).isEqualTo("lesson-01");
        assertThat(io.coursegen.contracts.OutlineDraft.lessonId(12)).isEqualTo("lesson-12");
    }

    @Test
    void requestsThePartsTheNumberedOutlineImplies() {
        PartRequests expected = PartRequests.of("course-1", "tenant-1", SPEC, fanOut.outlined().outline());

        assertThat(fanOut.parts().lessons()).isEqualTo(expected.lessons());
        assertThat(fanOut.parts().images()).isEqualTo(expected.images());
        assertThat(fanOut.parts().lessons()).extracting(part -> part.request().lesson().lessonId())
                .containsExactly("lesson-01", "lesson-02", "lesson-03");
    }

    @Test
    void requestsAnOutlineAlreadyPublishedAsItWasRequestedThen() {
        FanOut again = planner.fanOut(REQUEST, fanOut.outlined());

        assertThat(again.outlined()).isEqualTo(fanOut.outlined());
        assertThat(again.parts().lessons()).isEqualTo(fanOut.parts().lessons());
        assertThat(again.parts().images()).isEqualTo(fanOut.parts().images());
    }

    private static GeneratedOutline outline() {
        return new GeneratedOutline("Wie Pflanzen Zucker machen", "Wie Pflanzen aus Licht Zucker machen.", "Hobbygärtner",
                List.of(), List.of("Beschreiben", "Erklären", "Anwenden"), List.of(
                        new GeneratedModule("Was die Pflanze braucht", List.of(
                                lesson("Licht", List.of("Chlorophyll", "Lichtreaktion", "Photon")),
                                lesson("Wasser", List.of("Osmose", "Wurzeln", "Xylem")))),
                        new GeneratedModule("Was die Pflanze macht", List.of(
                                lesson("Zucker", List.of("Glukose", "Chlorophyll"))))));
    }

    private static GeneratedLesson lesson(String title, List<String> concepts) {
        return new GeneratedLesson(title, "Was " + title + " tut.", List.of(title + " beschreiben"), concepts, 15);
    }
}
