package io.coursegen.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void everyTopicHasExactlyOneVersionedEventTypeWithASchema() {
        assertThat(EventTypes.ALL).extracting(EventTypes.EventType::topic).containsExactlyInAnyOrderElementsOf(Topics.ALL);
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
    void aTopicOutsideTheContractStillGetsAType() {
        assertThat(EventTypes.typeOf("scratch.topic")).isEqualTo("io.coursegen.scratch.topic.v1");
        assertThatIllegalArgumentException().isThrownBy(() -> EventTypes.ofTopic("scratch.topic"));
    }
}
