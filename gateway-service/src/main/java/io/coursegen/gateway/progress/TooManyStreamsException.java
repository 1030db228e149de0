package io.coursegen.gateway.progress;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 429 problem: the tenant holds as many progress streams open as it may. */
class TooManyStreamsException extends ErrorResponseException {

    TooManyStreamsException(int perTenant) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(perTenant), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
    }

    private static ProblemDetail problem(int perTenant) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "You have " + perTenant
                + " progress streams open, as many as you may at once; close one (or follow courses by webhook)");
        problem.setType(URI.create("https://coursegen.io/problems/too-many-streams"));
        problem.setTitle("Too many progress streams");
        return problem;
    }
}
