package io.coursegen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The filter with Reactor's automatic context propagation, as {@code spring.reactor.context-propagation: auto} sets it. */
class CourseLogContextFilterTest {

    private final CourseLogContextFilter filter = new CourseLogContextFilter();

    /**
     * JVM-wide and left on: the gateway's own contexts in this test JVM switch it on at startup
     * ({@code spring.reactor.context-propagation: auto}), and switching it off here would take it from them.
     */
    @BeforeAll
    static void propagateAutomatically() {
        Hooks.enableAutomaticContextPropagation();
    }

    @Test
    void aCourseRequestLogsItsTenantAndCourseOnWhicheverThreadServesIt() {
        ServerWebExchange exchange = authenticated("/api/v1/courses/0b7c9d5e-1f0a-4c1e-9a53-2f1f7f0f4a11/export", "acme");

        Map<String, String> logged = mdcWhileServing(exchange);

        assertThat(logged).containsEntry("tenant", "acme")
                .containsEntry("courseId", "0b7c9d5e-1f0a-4c1e-9a53-2f1f7f0f4a11");
        assertThat(MDC.get("tenant")).as("nothing left on the calling thread").isNull();
    }

    @Test
    void aSubmissionLogsItsTenantOnly() {
        Map<String, String> logged = mdcWhileServing(authenticated("/api/v1/courses", "acme"));

        assertThat(logged).containsEntry("tenant", "acme").doesNotContainKey("courseId");
    }

    @Test
    void aPathSegmentThatIsNoCourseIdIsNotLogged() {
        Map<String, String> logged = mdcWhileServing(authenticated("/api/v1/courses/" + "x".repeat(65), "acme"));

        assertThat(logged).doesNotContainKey("courseId");
    }

    private static ServerWebExchange authenticated(String path, String tenant) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
        exchange.getAttributes().put(Tenant.ATTRIBUTE, new Tenant(tenant));
        return exchange;
    }

    /** The MDC a handler sees that runs on another thread than the filter, as a controller's blocking step does. */
    private Map<String, String> mdcWhileServing(ServerWebExchange exchange) {
        AtomicReference<Map<String, String>> seen = new AtomicReference<>(Map.of());
        filter.filter(exchange, served -> Mono.just("handled")
                        .publishOn(Schedulers.boundedElastic())
                        .doOnNext(ignored -> {
                            Map<String, String> mdc = MDC.getCopyOfContextMap();
                            seen.set(mdc == null ? Map.of() : mdc);
                        })
                        .then())
                .block();
        return seen.get();
    }
}
