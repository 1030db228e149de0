package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.gateway.GatewayProperties;
import io.coursegen.gateway.auth.Tenant;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import io.coursegen.gateway.storage.AcceptedCourses;
import io.coursegen.gateway.storage.StorageClient;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CourseIntakeUnavailableTest {

    private static final CourseSpec SPEC = new CourseSpec("Kafka", "SREs", "beginner", "en", 3, true, "flat");

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, Object> kafka = mock(KafkaTemplate.class);
    private final StorageClient storage = mock(StorageClient.class);
    private final CourseIntake intake = new CourseIntake(kafka, new AcceptedCourses(), storage,
            new GatewayProperties("", URI.create("http://storage"), Duration.ofSeconds(2),
                    new GatewayProperties.Progress(Duration.ofSeconds(15)), true));

    @BeforeEach
    void storageStoresQueuedCourses() {
        when(storage.storeQueued(any())).thenReturn(Mono.empty());
    }

    @Test
    void aSendThatFailsBecomesARetryable503() {
        when(kafka.send(anyString(), anyString(), any()))
                .thenReturn(CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s)")));

        StepVerifier.create(intake.submit(new Tenant("acme"), SPEC))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(IntakeUnavailableException.class);
                    IntakeUnavailableException unavailable = (IntakeUnavailableException) error;
                    assertThat(unavailable.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(unavailable.getBody().getDetail()).isEqualTo("Course intake unavailable, retry later");
                    assertThat(unavailable.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
                })
                .verify();
    }

    @Test
    void aSendThatThrowsBecomesARetryable503() {
        when(kafka.send(anyString(), anyString(), any())).thenThrow(new IllegalStateException("producer closed"));

        StepVerifier.create(intake.submit(new Tenant("acme"), SPEC))
                .expectError(IntakeUnavailableException.class)
                .verify();
    }
}
