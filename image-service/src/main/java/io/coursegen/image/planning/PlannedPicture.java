package io.coursegen.image.planning;

import io.coursegen.contracts.Usage;

/** A valid plan and what planning it cost. */
public record PlannedPicture(PicturePlan plan, Usage usage) {
}
