package io.coursegen.image.planning;

import io.coursegen.contracts.ImageRequested;

/** Chooses what a picture shows and writes its caption and alt text in the course language, and its image prompt. */
public interface PicturePlanner {

    /**
     * @return a plan without {@link PicturePlan#problems()}, whitespace stripped
     */
    PlannedPicture plan(ImageRequested request);
}
