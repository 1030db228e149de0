package io.coursegen.storage.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FairShareTest {

    private static final Instant EARLY = Instant.parse("2026-11-29T08:00:00Z");
    private static final Instant LATE = EARLY.plusSeconds(60);

    @Test
    void admitsNothingWhileAllPlacesAreTaken() {
        assertThat(new FairShare(3, 3).next(Map.of("a", 2, "b", 1), Map.of("c", EARLY))).isEmpty();
    }

    @Test
    void aTenantWithNothingRunningGoesBeforeOneWithAWholeBurstWaitingLonger() {
        assertThat(new FairShare(10, 10).next(Map.of("a", 9), Map.of("a", EARLY, "b", LATE))).contains("b");
    }

    @Test
    void amongTenantsWithAsManyCoursesRunningTheOneWaitingLongestGoesFirst() {
        assertThat(new FairShare(10, 10).next(Map.of("a", 1, "b", 1), Map.of("a", LATE, "b", EARLY))).contains("b");
        assertThat(new FairShare(10, 10).next(Map.of(), Map.of("a", LATE, "b", EARLY))).contains("b");
    }

    @Test
    void aTenantAtItsOwnCapWaitsEvenWithPlacesFree() {
        FairShare capped = new FairShare(10, 2);

        assertThat(capped.next(Map.of("a", 2), Map.of("a", EARLY))).isEmpty();
        assertThat(capped.next(Map.of("a", 2), Map.of("a", EARLY, "b", LATE))).contains("b");
    }

    @Test
    void nothingWaitingAdmitsNothing() {
        assertThat(new FairShare(10, 10).next(Map.of("a", 1), Map.of())).isEmpty();
    }
}
