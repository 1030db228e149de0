package io.coursegen.storage.api;

import io.coursegen.storage.quota.Refusal;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A 429 problem: the tenant has had as many lessons written again this hour as it may, or its monthly budget cannot
 * cover one more.
 */
class RegenerationLimitException extends ErrorResponseException {

    static final String TYPE = "https://coursegen.io/problems/rate-limited";
    static final String BUDGET_EXHAUSTED = "https://coursegen.io/problems/budget-exhausted";

    RegenerationLimitException(Refusal refusal) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(refusal), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
    }

    private static ProblemDetail problem(Refusal refusal) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, refusal.detail());
        boolean budget = refusal.reason() == Refusal.Reason.BUDGET_EXHAUSTED;
        problem.setType(URI.create(budget ? BUDGET_EXHAUSTED : TYPE));
        problem.setTitle(budget ? "Budget exhausted" : "Too many regenerations");
        return problem;
    }
}
