package io.coursegen.storage.intake;

import io.coursegen.storage.api.BadRequestException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Internal: the gateway calls it for every submission it accepted (REST or {@code course.requests}), after
 * authenticating and validating it, and answers the submitter 202 once this answered.
 */
@RestController
class IntakeController {

    private static final String TENANT_HEADER = "X-Coursegen-Tenant";
    /** The gateway's trace (its client span), kept with the course so admission continues it. */
    private static final String TRACE_PARENT_HEADER = "traceparent";

    private final CourseIntake intake;

    IntakeController(CourseIntake intake) {
        this.intake = intake;
    }

    @PostMapping("/internal/v1/courses")
    Mono<Acceptance> accept(@RequestHeader(TENANT_HEADER) String tenantId,
            @RequestHeader(name = TRACE_PARENT_HEADER, required = false) String traceParent,
            @RequestBody IntakeRequest request) {
        var course = request.course();
        if (tenantId.isBlank() || course == null || course.courseId() == null || course.spec() == null
                || course.requestedAt() == null || !tenantId.equals(course.tenantId())) {
            return Mono.error(new BadRequestException("A new course needs its id, the caller's tenant, its spec and "
                    + "the time it was requested"));
        }
        if (request.idempotencyKey() != null
                && (request.idempotencyKey().isBlank() || request.requestHash() == null)) {
            return Mono.error(new BadRequestException("An idempotency key needs the request's hash"));
        }
        return intake.accept(request, traceParent);
    }
}
