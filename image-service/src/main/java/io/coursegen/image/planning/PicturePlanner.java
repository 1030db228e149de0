package io.coursegen.image.planning;

import io.coursegen.contracts.ImageRequested;

/** Chooses what a picture shows and writes its caption, alt text and image prompt. */
public interface PicturePlanner {

    /**
     * @return a plan that passed {@link PicturePlan#validated()}
     */
    PlannedPicture plan(ImageRequested request);
}
