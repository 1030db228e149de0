package io.coursegen.image.rendering;

/** The image model's answer is not a picture we can store and show: wrong format, truncated, too big or missing. */
public class UnreadablePictureException extends RuntimeException {

    public UnreadablePictureException(String message) {
        super(message);
    }

    public UnreadablePictureException(String message, Throwable cause) {
        super(message, cause);
    }
}
