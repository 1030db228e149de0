package io.coursegen.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicOwnersTest {

    @Test
    void everySharedTopicButThePublicIntakeHasOwners() {
        for (String topic : Topics.ALL) {
            assertThat(TopicOwners.of(topic).isEmpty()).as(topic).isEqualTo(topic.equals(Topics.COURSE_REQUESTS));
        }
        assertThat(TopicOwners.all().keySet()).allSatisfy(topic -> assertThat(Topics.ALL).contains(topic));
    }

    @Test
    void aTenantsTopicsAndTheDeadLetterTopicsAreNobodysToGuard() {
        assertThat(TopicOwners.of(Topics.courseRequestsOf("acme"))).isEmpty();
        assertThat(TopicOwners.of(Topics.courseStatusOf("acme"))).isEmpty();
        assertThat(TopicOwners.of(Topics.LESSON_GENERATED + Topics.DEAD_LETTER_SUFFIX)).isEmpty();
        assertThat(TopicOwners.of(Topics.COURSE_REQUESTS)).isEmpty();
    }

    @Test
    void aResultTopicHasOneOwnerAndWorkRequestsComeFromOutlineAndFromStoragesRegenerations() {
        assertThat(TopicOwners.of(Topics.LESSON_GENERATED)).containsExactly(TopicOwners.CONTENT);
        assertThat(TopicOwners.of(Topics.LESSON_REQUESTED))
                .containsExactlyInAnyOrder(TopicOwners.OUTLINE, TopicOwners.STORAGE);
        assertThat(TopicOwners.of(Topics.COURSE_STATUS)).containsExactlyInAnyOrder(TopicOwners.STORAGE, TopicOwners.GATEWAY);
    }
}
