package io.coursegen.gateway.api;

import io.coursegen.gateway.storage.Acceptance.Refusal;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The tenant is over one of its limits: {@code 429} with {@code Retry-After} and a problem type per reason, so a
 * client can tell "slow down" ({@value #RATE_LIMITED}) from "wait for your queue" ({@value #QUEUE_FULL}) from "no
 * budget left this month" ({@value #BUDGET_EXHAUSTED}, {@code Retry-After} until the month renews).
 */
class QuotaExceededException extends ErrorResponseException {

    static final String RATE_LIMITED = "https://coursegen.io/problems/rate-limited";
    static final String QUEUE_FULL = "https://coursegen.io/problems/queue-full";
    static final String BUDGET_EXHAUSTED = "https://coursegen.io/problems/budget-exhausted";

    QuotaExceededException(Refusal refusal) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(refusal), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, refusal.retryAfterSeconds())));
    }

    private static ProblemDetail problem(Refusal refusal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, refusal.detail());
        switch (refusal.reason()) {
            case "QUEUE_FULL" -> {
                problem.setType(URI.create(QUEUE_FULL));
                problem.setTitle("Queue full");
            }
            case "BUDGET_EXHAUSTED" -> {
                problem.setType(URI.create(BUDGET_EXHAUSTED));
                problem.setTitle("Budget exhausted");
            }
            default -> {
                problem.setType(URI.create(RATE_LIMITED));
                problem.setTitle("Too many submissions");
            }
        }
        return problem;
    }
}
