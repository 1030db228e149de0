package io.coursegen.image.planning;

import io.coursegen.contracts.ImageRequested;
import java.util.List;

/** Chooses what a picture shows and writes its caption and alt text in the course language, and its image prompt. */
public interface PicturePlanner {

    /**
     * @param flaggedCategories the content-policy categories an earlier plan was flagged for, named to the model as
     *                          what to avoid; empty for a first plan
     * @return a plan without {@link PicturePlan#problems()}, whitespace stripped
     */
    PlannedPicture plan(ImageRequested request, List<String> flaggedCategories);

    default PlannedPicture plan(ImageRequested request) {
        return plan(request, List.of());
    }
}
