package io.coursegen.image.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.OfflineModel;
import io.coursegen.llm.moderation.FlaggedOutputException;
import io.coursegen.llm.moderation.ModeratedOutput;
import io.coursegen.llm.moderation.OfflineModeration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline path, with a word list that flags a word the offline planner writes (the first key concept). */
class ModeratedPicturePlannerTest {

    private static final OfflineModeration FLAGS_SIEGE = new OfflineModeration(Map.of("violence", List.of("siege")));

    /** What the planner was told to avoid, each time. */
    private final List<List<String>> asked = new ArrayList<>();

    @Test
    void anOfflinePlanThatNamesAFlaggedWordIsPlannedTwiceThenFailsWithTheReason() {
        ModeratedPicturePlanner planner = new ModeratedPicturePlanner(
                recording(new OfflinePicturePlanner(OfflineModel.immediate())), new ModeratedOutput(FLAGS_SIEGE));

        assertThatThrownBy(() -> planner.plan(request("siege")))
                .isInstanceOf(FlaggedOutputException.class)
                .hasMessage("moderation: violence");
        assertThat(asked).containsExactly(List.of(), List.of("violence"));
    }

    @Test
    void theDefaultWordListPassesTheOfflinePlans() {
        ModeratedPicturePlanner planner = new ModeratedPicturePlanner(
                recording(new OfflinePicturePlanner(OfflineModel.immediate())),
                new ModeratedOutput(new OfflineModeration(OfflineModeration.DEFAULT_TERMS)));

        assertThat(planner.plan(request("siege")).plan().visualConcept()).contains("siege");
        assertThat(asked).hasSize(1);
    }

    @Test
    void aCleanSecondPlanIsKeptWithTheCostOfBoth() {
        PicturePlan grim = new PicturePlan("A siege", "The siege.", "A castle under siege.", "A castle under siege");
        PicturePlan clean = new PicturePlan("A castle", "The castle.", "A castle on a hill.", "A castle on a hill");
        PicturePlanner model = (request, avoid) -> {
            asked.add(avoid);
            return new PlannedPicture(avoid.isEmpty() ? grim : clean, new Usage("openai", "gpt", 1, 100, 50, 0));
        };

        PlannedPicture planned = new ModeratedPicturePlanner(model, new ModeratedOutput(FLAGS_SIEGE)).plan(request("walls"));

        assertThat(planned.plan()).isEqualTo(clean);
        assertThat(planned.usage()).isEqualTo(new Usage("openai", "gpt", 2, 200, 100, 0));
        assertThat(asked).containsExactly(List.of(), List.of("violence"));
    }

    @Test
    void theConceptCaptionAltTextAndImagePromptAreChecked() {
        assertThat(ModeratedPicturePlanner.texts(new PicturePlan("concept", "caption", "alt", "prompt")))
                .containsExactly("concept", "caption", "alt", "prompt");
    }

    private PicturePlanner recording(PicturePlanner planner) {
        return (request, avoid) -> {
            asked.add(avoid);
            return planner.plan(request, avoid);
        };
    }

    private static ImageRequested request(String keyConcept) {
        return new ImageRequested("course-1", "tenant-a", "lesson-02", "lesson-02", "Castles", "Castle walls",
                "A summary.", List.of(keyConcept), "children", "en", "flat");
    }
}
