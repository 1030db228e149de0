package io.coursegen.image.planning;

/**
 * A plan that cannot be shown to learners (missing or overlong text). The chat model's plans are checked,
 * and repaired once, through {@link PicturePlan#problems()}; this guards the plans made without a model.
 */
public class InvalidPicturePlanException extends RuntimeException {

    public InvalidPicturePlanException(String message) {
        super(message);
    }
}
