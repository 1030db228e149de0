package io.coursegen.gateway.storage;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.gateway.GatewayProperties;
import io.coursegen.gateway.auth.Tenant;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

class StorageClientTest {

    private static final Tenant ACME = new Tenant("acme");

    @Test
    void unreachableStorageIsReportedAsUnavailable() throws IOException {
        StorageClient client = clientFor(URI.create("http://127.0.0.1:" + closedPort()));

        StepVerifier.create(client.forwardCourse("c-1", ACME))
                .expectError(StorageUnavailableException.class)
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(client.readCourse("c-1", ACME, String.class))
                .expectError(StorageUnavailableException.class)
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(client.forwardCourseList("limit=5", ACME))
                .expectError(StorageUnavailableException.class)
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(client.forwardExport("c-1", "format=html", ACME))
                .expectError(StorageUnavailableException.class)
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aNewCourseThatStorageCannotBeReachedForIsAnErrorNeverASilentAcceptance() throws IOException {
        StorageClient client = clientFor(URI.create("http://127.0.0.1:" + closedPort()));
        CourseRequested course = new CourseRequested("c-1", "acme",
                new CourseSpec("Kafka", "SREs", "beginner", "en", 3, true, "flat"), Instant.now());

        StepVerifier.create(client.accept(course, null, null))
                .expectError()
                .verify(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "dot.dot", "../etc", "semi;colon", "percent%2F", "ümlaut"})
    void oddCourseIdsAreRefusedWithoutAsking(String id) {
        StorageClient client = clientFor(URI.create("http://127.0.0.1:1"));

        StepVerifier.create(client.forwardCourse(id, ACME)).expectError(InvalidCourseIdException.class).verify();
        StepVerifier.create(client.readCourse(id, ACME, String.class)).expectError(InvalidCourseIdException.class).verify();
        StepVerifier.create(client.forwardExport(id, "format=json", ACME)).expectError(InvalidCourseIdException.class)
                .verify();
    }

    @Test
    void courseIdsLongerThanAHundredCharactersAreRefused() {
        StorageClient client = clientFor(URI.create("http://127.0.0.1:1"));

        StepVerifier.create(client.forwardCourse("a".repeat(101), ACME))
                .expectError(InvalidCourseIdException.class)
                .verify();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cursor=%zz", "status={x}", "a=%"})
    void malformedQueryStringsAreRefusedWithoutAsking(String query) {
        StorageClient client = clientFor(URI.create("http://127.0.0.1:1"));

        StepVerifier.create(client.forwardCourseList(query, ACME)).expectError(InvalidQueryException.class).verify();
        StepVerifier.create(client.forwardExport("c-1", query, ACME)).expectError(InvalidQueryException.class).verify();
    }

    private static StorageClient clientFor(URI storageUrl) {
        return new StorageClient(WebClient.builder(),
                new GatewayProperties("", storageUrl, Duration.ofSeconds(2), new GatewayProperties.Progress(Duration.ofSeconds(15), 20, Duration.ofSeconds(30)), 20),
                new InternalProperties("storage-client-test-secret-0123456789"));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
