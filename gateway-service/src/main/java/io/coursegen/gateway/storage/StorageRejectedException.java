package io.coursegen.gateway.storage;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * storage-service refused a read (404 for an unknown id or another tenant's course). Carries its answer so
 * the client receives it unchanged, exactly as a forwarded read would.
 */
public class StorageRejectedException extends RuntimeException {

    private final transient ResponseEntity<byte[]> answer;

    StorageRejectedException(ResponseEntity<byte[]> answer) {
        super("storage-service answered " + answer.getStatusCode().value(), null, false, false);
        this.answer = answer;
    }

    /** The answer to pass on: storage-service's status, content type and body. */
    public ResponseEntity<byte[]> answer() {
        HttpHeaders headers = new HttpHeaders();
        MediaType contentType = answer.getHeaders().getContentType();
        if (contentType != null) {
            headers.setContentType(contentType);
        }
        return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
    }

    public HttpStatusCode status() {
        return answer.getStatusCode();
    }
}
