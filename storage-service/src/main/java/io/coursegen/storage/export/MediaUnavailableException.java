package io.coursegen.storage.export;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The course's pictures cannot be read from S3 right now: a retryable 503; the cause stays in our log. */
class MediaUnavailableException extends ErrorResponseException {

    MediaUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The course's pictures cannot be read from media storage; try again shortly"), cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
    }
}
