package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.testkit.FakeOpenAiServer.Answered;
import io.coursegen.testkit.FakeOpenAiServer.Received;
import io.coursegen.testkit.FakeOpenAiServer.Scripted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fault 5: the model answers every call with 429 and {@code Retry-After: 1} for 20 seconds mid-batch. Each service
 * must stop calling for the second it is told to (all its calls of that kind, not just the refused one), every
 * course must still complete whole, and the calls made stay within what the retry policy allows.
 */
class RateLimitWindowFaultTest {

    private static final Duration WINDOW = Duration.ofSeconds(20);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** A request already past a service's gate when another was refused may still arrive in that moment. */
    private static final Duration IN_FLIGHT = Duration.ofMillis(250);
    private static final int MAX_ATTEMPTS = 3;

    @Test
    void everyCourseCompletesAndNoServiceCallsBeforeTheRetryAfterItWasGiven() {
        try (CourseBatch batch = CourseBatch.start("429 with Retry-After: 1 for 20 s",
                Map.of("coursegen.llm.resilience.max-attempts", String.valueOf(MAX_ATTEMPTS)))) {
            batch.submit();
            batch.awaitMidFlight();
            batch.openAi().refuseFor(WINDOW, Scripted.rateLimited((int) RETRY_AFTER.toSeconds()));

            batch.assertEveryCourseCompletesWhole((MAX_ATTEMPTS - 1) * batch.expectedCalls());

            List<Answered> answered = batch.openAi().answered();
            List<Answered> refused = answered.stream().filter(a -> a.status() == 429).toList();
            assertThat(refused).as("the window really refused calls").isNotEmpty();
            for (Answered refusal : refused) {
                String caller = caller(refusal.request());
                Instant at = refusal.request().at();
                assertThat(answered).as("%s called again before the Retry-After of its refusal at %s", caller, at)
                        .noneMatch(other -> caller.equals(caller(other.request()))
                                && other.request().at().isAfter(at.plus(IN_FLIGHT))
                                && other.request().at().isBefore(at.plus(RETRY_AFTER)));
            }
        }
    }

    /** Which service's gate a request passed: each service gates its chat and its image calls apart. */
    private static String caller(Received request) {
        if (request.path().endsWith("/images/generations")) {
            return "image-service images";
        }
        return switch (String.valueOf(request.schemaName())) {
            case "GeneratedOutline" -> "outline-service chat";
            case "GeneratedLesson" -> "content-service chat";
            default -> "image-service chat";
        };
    }
}
