package io.coursegen.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.TopicOwners;
import io.coursegen.contracts.Topics;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two tables say who may produce an internal topic: the ACLs ({@link KafkaAccess}), enforced by a secured broker, and
 * {@link TopicOwners}, enforced by the consumers where Kafka has no ACLs. They must not drift apart.
 */
class TopicOwnersAgreeWithKafkaAccessTest {

    private static final List<KafkaAccess.Principal> SERVICES = KafkaAccess.services(List.of("acme", "globex"));

    @Test
    void theServicesAllowedToWriteEachInternalTopicAreItsOwners() {
        for (String topic : TopicOwners.all().keySet()) {
            assertThat(writersOf(topic)).as("services with WRITE on %s", topic).isEqualTo(TopicOwners.of(topic));
        }
    }

    @Test
    void noServiceWritesASharedTopicThatHasNoOwners() {
        Set<String> written = SERVICES.stream().flatMap(service -> service.writes().stream())
                .filter(Topics.ALL::contains).collect(Collectors.toSet());

        assertThat(written).allSatisfy(topic -> assertThat(TopicOwners.of(topic)).as(topic).isNotEmpty());
    }

    private static Set<String> writersOf(String topic) {
        return SERVICES.stream().filter(service -> service.writes().contains(topic))
                .map(KafkaAccess.Principal::user).collect(Collectors.toSet());
    }
}
