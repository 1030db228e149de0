package io.coursegen.gateway.moderation;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The content policy could not be asked (provider down or refusing, circuit open, this instance's moderation pool
 * full): the input is refused for now, {@code 503} type {@value #TYPE} with {@code Retry-After}. Fail closed: an
 * unchecked text never reaches the models. By Kafka, thrown on to the listener's retries.
 */
public class ModerationOutageException extends ErrorResponseException {

    public static final String TYPE = "https://coursegen.io/problems/moderation-unavailable";

    ModerationOutageException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, problem(), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The content policy check is unavailable, so the request was not accepted; retry later");
        problem.setType(URI.create(TYPE));
        problem.setTitle("Moderation unavailable");
        return problem;
    }
}
