package io.coursegen.storage.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.storage.admission.AdmissionRoom.Waiting;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitingQueueTest {

    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    @Test
    void eachTenantsCoursesComeOutInTheOrderTheyWereAccepted() {
        WaitingQueue queue = new WaitingQueue();
        queue.add(waiting("a2", "acme", 3));
        queue.add(waiting("b1", "globex", 2));
        queue.add(waiting("a1", "acme", 1));

        assertThat(queue.oldestByTenant()).containsEntry("acme", T0.plusMillis(1)).containsEntry("globex", T0.plusMillis(2));
        assertThat(queue.poll("acme").courseId()).isEqualTo("a1");
        assertThat(queue.poll("acme").courseId()).isEqualTo("a2");
        assertThat(queue.poll("acme")).isNull();
        assertThat(queue.oldestByTenant()).containsOnlyKeys("globex");
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void aReadReplacesTheViewButKeepsWhatWasAcceptedHereMeanwhile() {
        WaitingQueue queue = new WaitingQueue();
        queue.add(waiting("admitted-elsewhere", "acme", 1));
        queue.readStarts();
        queue.add(waiting("accepted-during-the-read", "acme", 5));

        queue.replaceWith(List.of(waiting("accepted-elsewhere", "acme", 3)));

        assertThat(queue.poll("acme").courseId()).isEqualTo("accepted-elsewhere");
        assertThat(queue.poll("acme").courseId()).isEqualTo("accepted-during-the-read");
        assertThat(queue.poll("acme")).isNull();
    }

    @Test
    void theSameCourseAddedTwiceWaitsOnce() {
        WaitingQueue queue = new WaitingQueue();
        queue.add(waiting("a1", "acme", 1));
        queue.add(waiting("a1", "acme", 1));

        assertThat(queue.size()).isEqualTo(1);
    }

    private static Waiting waiting(String courseId, String tenant, long order) {
        return new Waiting(courseId, tenant, order, T0.plusMillis(order));
    }
}
