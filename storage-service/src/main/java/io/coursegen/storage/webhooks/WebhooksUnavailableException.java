package io.coursegen.storage.webhooks;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 503 problem: without keys to seal their secrets at rest, this installation takes no webhooks. */
class WebhooksUnavailableException extends ErrorResponseException {

    WebhooksUnavailableException() {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Webhooks are not available here: the operator has not set COURSEGEN_WEBHOOKS_SECRET_KEYS"), null);
    }
}
