package io.coursegen.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void aWorkRequestsKeyNamesItsCourseAndPart() {
        String key = Topics.partKey("7c0e9c1e-1d2f-4a7b-9f00-000000000001", "lesson:lesson-03");

        assertThat(key).isEqualTo("7c0e9c1e-1d2f-4a7b-9f00-000000000001/lesson:lesson-03");
        assertThat(Topics.courseIdOfKey(key)).isEqualTo("7c0e9c1e-1d2f-4a7b-9f00-000000000001");
    }

    @Test
    void aFactsKeyIsItsCourseId() {
        assertThat(Topics.courseIdOfKey("7c0e9c1e-1d2f-4a7b-9f00-000000000001")).isEqualTo("7c0e9c1e-1d2f-4a7b-9f00-000000000001");
    }
}
