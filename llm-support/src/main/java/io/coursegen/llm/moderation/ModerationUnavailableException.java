package io.coursegen.llm.moderation;

/**
 * The content policy could not be asked (the provider is down, slow, refusing or answered nonsense) after the
 * retries: the input is not known to be acceptable, so the caller refuses it for now (REST 503, Kafka: retried).
 */
public class ModerationUnavailableException extends RuntimeException {

    public ModerationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
