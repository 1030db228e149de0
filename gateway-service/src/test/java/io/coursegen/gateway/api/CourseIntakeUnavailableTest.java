package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.moderation.ContentPolicy;
import io.coursegen.llm.moderation.ContentModeration;
import io.coursegen.gateway.storage.StorageClient;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A submission storage-service did not confirm is never an accepted course: the client is told to retry. */
class CourseIntakeUnavailableTest {

    private static final CourseSpec SPEC = new CourseSpec("Kafka", "SREs", "beginner", "en", 3, true, "flat");

    private final StorageClient storage = mock(StorageClient.class);
    private final CourseIntake intake = new CourseIntake(storage, new RecentRefusals(),
            new ContentPolicy(ContentModeration.DISABLED));

    @Test
    void storageAnsweringWithAServerErrorBecomesARetryable503() {
        storageFails(WebClientResponseException.create(HttpStatus.INTERNAL_SERVER_ERROR.value(), "Internal Server Error",
                HttpHeaders.EMPTY, new byte[0], null));

        StepVerifier.create(intake.submit(new Tenant("acme"), SPEC, null))
                .expectErrorSatisfies(CourseIntakeUnavailableTest::assertRetryable503)
                .verify();
    }

    @Test
    void storageThatCannotBeReachedBecomesARetryable503() {
        storageFails(new WebClientRequestException(new ConnectException("Connection refused"), HttpMethod.POST,
                URI.create("http://storage/internal/v1/courses"), HttpHeaders.EMPTY));

        StepVerifier.create(intake.submit(new Tenant("acme"), SPEC, null))
                .expectErrorSatisfies(CourseIntakeUnavailableTest::assertRetryable503)
                .verify();
    }

    @Test
    void storageSilentPastItsTimeoutBecomesARetryable503() {
        storageFails(new WebClientRequestException(ReadTimeoutException.INSTANCE, HttpMethod.POST,
                URI.create("http://storage/internal/v1/courses"), HttpHeaders.EMPTY));

        StepVerifier.create(intake.submit(new Tenant("acme"), SPEC, null))
                .expectErrorSatisfies(CourseIntakeUnavailableTest::assertRetryable503)
                .verify();
    }

    private void storageFails(Throwable error) {
        when(storage.accept(any(), isNull(), isNull())).thenReturn(Mono.error(error));
    }

    private static void assertRetryable503(Throwable error) {
        assertThat(error).isInstanceOf(IntakeUnavailableException.class);
        IntakeUnavailableException unavailable = (IntakeUnavailableException) error;
        assertThat(unavailable.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(unavailable.getBody().getDetail()).isEqualTo("Course intake unavailable, retry later");
        assertThat(unavailable.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    }
}
