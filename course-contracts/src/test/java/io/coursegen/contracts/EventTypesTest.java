package io.coursegen.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void everyTopicHasAVersionedEventTypeWithASchema() {
        assertThat(EventTypes.ALL.stream().map(EventTypes.EventType::topic).distinct())
                .containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(EventTypes.ALL).extracting(EventTypes.EventType::type).doesNotHaveDuplicates()
                .allSatisfy(type -> assertThat(type).matches("io\\.coursegen\\.[a-z.-]+\\.v1"));
        assertThat(EventTypes.ALL).allSatisfy(event ->
                assertThat(EventTypes.class.getResource("/" + event.schemaResource())).as(event.schemaResource()).isNotNull());
    }

    @Test
    void aContractTopicsTypeComesFromTheTable() {
        assertThat(EventTypes.typeOf(Topics.COURSE_OUTLINED)).isEqualTo("io.coursegen.course.outlined.v1");
        assertThat(EventTypes.ofTopic(Topics.COURSE_STATUS).payload()).isEqualTo(CourseStatusChanged.class);
    }

    @Test
    void aTopicCarryingSeveralTypesDefaultsToItsFirst() {
        assertThat(EventTypes.typeOf(Topics.COURSE_STATUS)).isEqualTo("io.coursegen.course.status-changed.v1");
        assertThat(EventTypes.COURSE_REJECTED.topic()).isEqualTo(Topics.COURSE_STATUS);
        assertThat(EventTypes.COURSE_REJECTED.type()).isEqualTo("io.coursegen.course.rejected.v1");
        assertThat(EventTypes.ALL).contains(EventTypes.COURSE_REJECTED);
    }

    @Test
    void aTopicOutsideTheContractStillGetsAType() {
        assertThat(EventTypes.typeOf("scratch.topic")).isEqualTo("io.coursegen.scratch.topic.v1");
        assertThatIllegalArgumentException().isThrownBy(() -> EventTypes.ofTopic("scratch.topic"));
    }
}
