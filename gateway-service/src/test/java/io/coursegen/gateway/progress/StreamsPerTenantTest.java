package io.coursegen.gateway.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.gateway.GatewayProperties;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.storage.StorageClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A tenant holds only so many progress streams open at once; others, and later ones, are served. */
class StreamsPerTenantTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Tenant ACME = new Tenant("acme");

    private final CourseStatusUpdates updates = mock(CourseStatusUpdates.class);
    private final StorageClient storage = mock(StorageClient.class);
    private final ProgressStreams streams = new ProgressStreams(updates, storage, new GatewayProperties("",
            URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1), new GatewayProperties.Progress(Duration.ofMinutes(1), 2), 20));

    @Test
    void aThirdStreamOfOneTenantIsA429WhileAnotherTenantAndALaterStreamAreServed() {
        when(updates.of(any(), any())).thenReturn(Flux.never());
        when(storage.readCourse(any(), any(), eq(StoredCourse.class))).thenReturn(Mono.just(
                new StoredCourse(CourseStatus.GENERATING, new StoredCourse.Progress(1, 4), null, Instant.now())));
        Disposable first = streams.open("c-1", ACME).block(WAIT).subscribe();
        Disposable second = streams.open("c-2", ACME).block(WAIT).subscribe();

        StepVerifier.create(streams.open("c-3", ACME))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(TooManyStreamsException.class);
                    TooManyStreamsException problem = (TooManyStreamsException) error;
                    assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(problem.getBody().getType()).hasToString("https://coursegen.io/problems/too-many-streams");
                })
                .verify(WAIT);
        Disposable others = streams.open("c-9", new Tenant("globex")).block(WAIT).subscribe();

        first.dispose();

        Disposable third = streams.open("c-3", ACME).block(WAIT).subscribe();
        for (Disposable stream : new Disposable[] {second, others, third}) {
            stream.dispose();
        }
    }
}
