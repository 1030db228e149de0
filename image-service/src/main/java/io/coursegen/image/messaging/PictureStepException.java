package io.coursegen.image.messaging;

/** Names the step that failed (planning, drawing or storing), so the reported reason says where it broke. */
class PictureStepException extends RuntimeException {

    PictureStepException(String step, RuntimeException cause) {
        super(step + " failed", cause);
    }
}
