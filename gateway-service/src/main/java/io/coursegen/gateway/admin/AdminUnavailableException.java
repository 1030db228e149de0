package io.coursegen.gateway.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** storage-service, which keeps tenants and keys, could not be reached or failed: a 503 to retry. */
class AdminUnavailableException extends ErrorResponseException {

    AdminUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Tenant administration is unavailable; try again shortly"), cause);
    }
}
