package io.coursegen.gateway.auth;

/**
 * storage-service could not say whose a key is (unreachable, slow, or answering errors): the caller may be a tenant,
 * so this is a 503 to retry, never a 401.
 */
public class KeysUnavailableException extends RuntimeException {

    KeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
