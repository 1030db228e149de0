package io.coursegen.gateway.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.gateway.GatewayProperties;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.storage.Slot;
import io.coursegen.gateway.storage.StorageClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * A progress stream holds one of its tenant's slots at storage-service: taken before anything else, renewed every
 * third of the lease while the stream is open, given back however the stream ends. Time is virtual.
 */
class StreamSlotsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Tenant ACME = new Tenant("acme");
    private static final Slot SLOT = new Slot("progress-streams:acme:0", "holder-1", LEASE.toSeconds());

    private final CourseStatusUpdates updates = mock(CourseStatusUpdates.class);
    private final StorageClient storage = mock(StorageClient.class);
    private final Sinks.Many<CourseStatusChanged> live = Sinks.many().multicast().directBestEffort();
    // heartbeats every hour stay out of the way of renewals every 10 s
    private final ProgressStreams streams = new ProgressStreams(updates, storage, new GatewayProperties("",
            URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1),
            new GatewayProperties.Progress(Duration.ofHours(1), 2, LEASE), 20));

    @BeforeEach
    void aCourseGenerating() {
        when(updates.of(any(), any())).thenReturn(live.asFlux());
        when(storage.readCourse(any(), any(), eq(StoredCourse.class))).thenReturn(Mono.just(
                new StoredCourse(CourseStatus.GENERATING, new StoredCourse.Progress(1, 4), null, Instant.now())));
        when(storage.takeSlot(ProgressStreams.SLOTS, 2, LEASE, ACME)).thenReturn(Mono.just(SLOT));
        when(storage.renewSlot(SLOT, ACME)).thenReturn(Mono.just(true));
        when(storage.releaseSlot(SLOT, ACME)).thenReturn(Mono.empty());
    }

    @Test
    void anOpenStreamRenewsItsSlotEveryThirdOfTheLeaseAndGivesItBackAfterTheFinalStatus() {
        StepVerifier.withVirtualTime(() -> streams.open("c-1", ACME).flatMapMany(stream -> stream))
                .assertNext(event -> assertThat(event.data().status()).isEqualTo(CourseStatus.GENERATING))
                .thenAwait(LEASE.dividedBy(3))
                .then(() -> verify(storage, times(1)).renewSlot(SLOT, ACME))
                .thenAwait(LEASE.dividedBy(3))
                .then(() -> {
                    verify(storage, times(2)).renewSlot(SLOT, ACME);
                    verify(storage, never()).releaseSlot(any(), any());
                    live.tryEmitNext(new CourseStatusChanged("c-1", "acme", CourseStatus.COMPLETED, 4, 4, null,
                            Instant.now()));
                })
                .assertNext(event -> assertThat(event.data().status()).isEqualTo(CourseStatus.COMPLETED))
                .verifyComplete();

        verify(storage, timeout(WAIT.toMillis())).releaseSlot(SLOT, ACME);
        verify(storage, times(2)).renewSlot(SLOT, ACME);
    }

    @Test
    void aClientThatLeavesGivesTheSlotBack() {
        StepVerifier.create(streams.open("c-1", ACME).flatMapMany(stream -> stream))
                .expectNextCount(1)
                .thenCancel()
                .verify(WAIT);

        verify(storage, timeout(WAIT.toMillis())).releaseSlot(SLOT, ACME);
    }

    @Test
    void aCourseThatCannotBeReadGivesTheSlotBackAtOnce() {
        when(storage.readCourse(any(), any(), eq(StoredCourse.class)))
                .thenReturn(Mono.error(new IllegalStateException("no such course")));

        StepVerifier.create(streams.open("c-1", ACME))
                .expectErrorMessage("no such course")
                .verify(WAIT);

        verify(storage, timeout(WAIT.toMillis())).releaseSlot(SLOT, ACME);
    }

    @Test
    void allOfTheTenantsSlotsHeldIsA429WithoutReadingTheCourse() {
        when(storage.takeSlot(ProgressStreams.SLOTS, 2, LEASE, ACME)).thenReturn(Mono.empty());

        StepVerifier.create(streams.open("c-1", ACME))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(TooManyStreamsException.class);
                    TooManyStreamsException problem = (TooManyStreamsException) error;
                    assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(problem.getBody().getType()).hasToString("https://coursegen.io/problems/too-many-streams");
                    assertThat(problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("10");
                })
                .verify(WAIT);

        verify(storage, never()).readCourse(any(), any(), any());
        verify(updates, never()).of(any(), any());
    }

    @Test
    void aStreamGoesOnThroughAFailedRenewalButEndsOnceItsSlotIsSomeoneElses() {
        when(storage.renewSlot(SLOT, ACME)).thenReturn(
                Mono.error(new IllegalStateException("storage-service answered 503")), Mono.just(false));

        StepVerifier.withVirtualTime(() -> streams.open("c-1", ACME).flatMapMany(stream -> stream))
                .expectNextCount(1)
                .thenAwait(LEASE.dividedBy(3))
                .expectNoEvent(Duration.ofSeconds(9))
                .thenAwait(Duration.ofSeconds(1))
                .verifyComplete();

        verify(storage, times(2)).renewSlot(SLOT, ACME);
        verify(storage, timeout(WAIT.toMillis())).releaseSlot(SLOT, ACME);
    }
}
