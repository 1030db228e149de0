package io.coursegen.llm.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModeratedOutputTest {

    private final ModeratedOutput moderated = new ModeratedOutput(
            new OfflineModeration(Map.of("violence", List.of("carnage"), "hate", List.of("slur"))));
    /** What each try was told to avoid, in order. */
    private final List<List<String>> tries = new ArrayList<>();

    /** A draft is a text and its cost. */
    record Draft(String text, int cost) {
    }

    private Draft generate(List<String> drafts, List<String> avoid) {
        tries.add(avoid);
        return new Draft(drafts.get(tries.size() - 1), 1);
    }

    private Draft run(String... drafts) {
        return moderated.generate(avoid -> generate(List.of(drafts), avoid), draft -> List.of(draft.text()),
                (accepted, flagged) -> new Draft(accepted.text(), accepted.cost() + flagged.cost()), "a test draft");
    }

    @Test
    void aCleanFirstDraftIsGeneratedOnceAndKeptAsItIs() {
        assertThat(run("Leaves are green.")).isEqualTo(new Draft("Leaves are green.", 1));
        assertThat(tries).containsExactly(List.of());
    }

    @Test
    void aFlaggedDraftIsGeneratedOnceMoreToldTheCategoriesAndTheCleanOneCarriesBothCosts() {
        assertThat(run("Carnage and a slur.", "Leaves are green.")).isEqualTo(new Draft("Leaves are green.", 2));
        assertThat(tries).containsExactly(List.of(), List.of("hate", "violence"));
    }

    @Test
    void aSecondFlaggedDraftFailsWithTheReasonNamingItsCategoriesAndIsNeverTriedAThirdTime() {
        assertThatThrownBy(() -> run("Carnage and a slur.", "Still carnage.", "never asked"))
                .isInstanceOf(FlaggedOutputException.class)
                .hasMessage("moderation: violence")
                .satisfies(failure -> assertThat(((FlaggedOutputException) failure).categories())
                        .containsExactly("violence"));
        assertThat(tries).hasSize(2);
    }

    @Test
    void anOutageIsThrownAsItIsForTheCallerToRetryAndNothingPassesUnchecked() {
        ModeratedOutput down = new ModeratedOutput(texts -> {
            throw new ModerationUnavailableException("down", null);
        });

        assertThatThrownBy(() -> down.<String>generate(avoid -> "Leaves", List::of, (a, b) -> a, "a test draft"))
                .isInstanceOf(ModerationUnavailableException.class);
    }

    @Test
    void turnedOffEverythingPasses() {
        String draft = new ModeratedOutput(ContentModeration.DISABLED).<String>generate(avoid -> "carnage", List::of,
                (a, b) -> a + b, "a test draft");

        assertThat(draft).isEqualTo("carnage");
    }

    @Test
    void theFailureIsFoundInsideTheWrappersAListenerContainerAdds() {
        var flagged = new FlaggedOutputException(List.of("violence"));

        assertThat(FlaggedOutputException.in(new RuntimeException("listener failed", new IllegalStateException(flagged))))
                .contains(flagged);
        assertThat(FlaggedOutputException.in(new RuntimeException("other"))).isEmpty();
    }
}
