package io.coursegen.gateway.auth;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Every log line written while the gateway serves an API request names the authenticated tenant ({@code tenant})
 * and, on {@code /api/v1/courses/{id}/...}, the course ({@code courseId}): the same MDC keys the Kafka listeners
 * set (kafka-defaults' {@code CourseLogContext}). A reactive request hops threads, so the keys travel in the
 * Reactor context and Reactor's automatic context propagation ({@code spring.reactor.context-propagation: auto})
 * puts them into the MDC of whichever thread runs the next step, like it does for {@code traceId}. A new
 * course's id is made inside the intake, after this filter, so the intake adds {@code courseId} to its own lines.
 */
@Component
class CourseLogContextFilter implements WebFilter, Ordered {

    static final String TENANT = "tenant";
    static final String COURSE_ID = "courseId";

    private static final PathPattern COURSE = PathPatternParser.defaultInstance.parse("/api/v1/courses/{id}/**");
    /** Ids this platform makes (UUIDs); anything else is not worth a log field and may be an attacker's text. */
    private static final Pattern COURSE_ID_SHAPE = Pattern.compile("[A-Za-z0-9-]{1,64}");

    CourseLogContextFilter() {
        // Reactor restores only registered thread locals; the registry is JVM-wide and re-registering replaces
        ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(TENANT, COURSE_ID));
    }

    /** Right after the API key check, which names the tenant. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 11;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Map<String, String> fields = new HashMap<>();
        if (exchange.getAttribute(Tenant.ATTRIBUTE) instanceof Tenant tenant) {
            fields.put(TENANT, tenant.id());
        }
        PathPattern.PathMatchInfo course = COURSE.matchAndExtract(exchange.getRequest().getPath().pathWithinApplication());
        if (course != null) {
            String courseId = course.getUriVariables().get("id");
            if (courseId != null && COURSE_ID_SHAPE.matcher(courseId).matches()) {
                fields.put(COURSE_ID, courseId);
            }
        }
        if (fields.isEmpty()) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).contextWrite(context -> context.put(Slf4jThreadLocalAccessor.KEY, Map.copyOf(fields)));
    }
}
