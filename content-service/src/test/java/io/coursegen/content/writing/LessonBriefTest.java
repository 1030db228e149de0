package io.coursegen.content.writing;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Outline.OutlineLesson;
import java.util.List;
import org.junit.jupiter.api.Test;

class LessonBriefTest {

    @Test
    void carriesTheLessonItsNeighboursTitlesAndTheCourseFramingButNotTheRequestsOtherFields() {
        CourseSpec spec = new CourseSpec("Photosynthesis", "gardeners", "advanced", "de", 3, true, "watercolour");
        OutlineLesson lesson = new OutlineLesson("lesson-02", 2, "Wasser", "Wie Wasser wandert.", List.of("Erklären"),
                List.of("Osmose"), 15, "Was die Pflanze braucht");

        LessonBrief brief = LessonBrief.of(new LessonRequested("course-1", "tenant-1", "Licht zu Zucker", spec, lesson,
                "Licht", "Zucker"));

        assertThat(brief).isEqualTo(new LessonBrief("Licht zu Zucker", "gardeners", "advanced", "de",
                new LessonBrief.Entry("Was die Pflanze braucht", "Wasser", "Wie Wasser wandert.", List.of("Erklären"),
                        List.of("Osmose"), 15),
                "Licht", "Zucker"));
    }
}
