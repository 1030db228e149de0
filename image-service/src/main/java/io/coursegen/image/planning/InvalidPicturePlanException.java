package io.coursegen.image.planning;

/** A plan that cannot be shown to learners (missing or overlong text); a new attempt may plan better. */
public class InvalidPicturePlanException extends RuntimeException {

    public InvalidPicturePlanException(String message) {
        super(message);
    }
}
