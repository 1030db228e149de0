package io.coursegen.storage.export;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 429 problem: the tenant already has as many exports streaming as it may. */
class TooManyExportsException extends ErrorResponseException {

    TooManyExportsException(int perTenant) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(perTenant), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
    }

    private static ProblemDetail problem(int perTenant) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "You have " + perTenant
                + " exports downloading already, as many as you may at once; start another when one has finished");
        problem.setType(URI.create("https://coursegen.io/problems/too-many-exports"));
        problem.setTitle("Too many exports");
        return problem;
    }
}
