package io.coursegen.image.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflinePicturePlannerTest {

    private final OfflinePicturePlanner planner = new OfflinePicturePlanner(Duration.ZERO);

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
    void keepsCaptionAndAltTextShortWhateverTheConceptsLength() {
        String longConcept = "quantum ".repeat(100);

        PicturePlan plan = planner.plan(request(longConcept, longConcept)).plan();

        assertThat(plan.caption()).hasSizeLessThanOrEqualTo(PicturePlan.MAX_TEXT_LENGTH);
        assertThat(plan.altText()).hasSizeLessThanOrEqualTo(PicturePlan.MAX_TEXT_LENGTH);
    }

    private static ImageRequested request(String subjectTitle, String... keyConcepts) {
        List<String> concepts = new ArrayList<>(Arrays.asList(keyConcepts));
        return new ImageRequested("course-1", "tenant-a", "lesson-02", "lesson-02", "Quantum computing",
                subjectTitle, "A summary.", concepts, "product managers", "en", "flat");
    }
}
