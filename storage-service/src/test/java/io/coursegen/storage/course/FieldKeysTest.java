package io.coursegen.storage.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldKeysTest {

    @Test
    void ordinaryIdsAreTheirOwnFieldNames() {
        assertThat(FieldKeys.path("lessons", "lesson-01")).isEqualTo("lessons.lesson-01");
        assertThat(FieldKeys.encode("image:cover")).isEqualTo("image:cover");
    }

    @Test
    void dotsDollarsAndPercentSignsCannotSplitOrHijackAPath() {
        assertThat(FieldKeys.encode("unknown:course.requested")).isEqualTo("unknown:course%2Erequested");
        assertThat(FieldKeys.encode("$where")).isEqualTo("%24where");
        assertThat(FieldKeys.encode("50%.")).isEqualTo("50%25%2E");
    }

    @Test
    void aBlankIdIsRefused() {
        assertThatThrownBy(() -> FieldKeys.encode(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
