package io.coursegen.gateway.storage;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** storage-service could not be reached or failed: the client may retry; the cause stays in our log. */
public class StorageUnavailableException extends ErrorResponseException {

    StorageUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Course storage unavailable, retry later"),
                cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
    }
}
