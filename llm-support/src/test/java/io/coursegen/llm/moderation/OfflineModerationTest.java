package io.coursegen.llm.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfflineModerationTest {

    private final OfflineModeration policy = new OfflineModeration(OfflineModeration.DEFAULT_TERMS);

    @Test
    void flagsATermAsAWholeWordInAnyCaseWithItsCategory() {
        Verdict verdict = policy.check(List.of("Knitting for beginners", "How to plan a MASSACRE", "Ethnic\n cleansing now"));

        assertThat(verdict.flagged()).isTrue();
        assertThat(verdict.flags()).containsExactly(new Verdict.Flag(1, List.of("violence")),
                new Verdict.Flag(2, List.of("hate")));
        assertThat(verdict.categories()).containsExactly("hate", "violence");
    }

    @Test
    void aTermInsideALongerWordIsNotFlagged() {
        assertThat(policy.check(List.of("massacres", "premassacre", "tortured", "Photosynthesis")).flagged()).isFalse();
    }

    @Test
    void blankAndMissingTextsPass() {
        assertThat(policy.check(Arrays.asList(null, "", "  "))).isEqualTo(Verdict.PASSED);
    }

    @Test
    void aConfiguredListReplacesTheDefaultAndATextMayBreakSeveralCategories() {
        OfflineModeration configured = new OfflineModeration(Map.of("illicit", List.of("lockpicking"),
                "Violence", List.of("duel")));

        Verdict verdict = configured.check(List.of("Lockpicking and the duel", "A massacre"));

        assertThat(verdict.flags()).containsExactly(new Verdict.Flag(0, List.of("illicit", "violence")));
    }

    @Test
    void checksAreCountedByOutcomeAndOnlyBlankOnesAreNot() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ContentModeration metered = new MeteredModeration(policy, "offline", meters);

        metered.check(List.of("Knitting"));
        metered.check(List.of("torture"));
        metered.check(List.of(" "));

        assertThat(meters.counter(MeteredModeration.CALLS, "provider", "offline", "outcome", "passed").count()).isEqualTo(1);
        assertThat(meters.counter(MeteredModeration.CALLS, "provider", "offline", "outcome", "flagged").count()).isEqualTo(1);
        assertThat(meters.find(MeteredModeration.DURATION).timers()).hasSize(2);
    }
}
