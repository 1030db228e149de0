package io.coursegen.image.rendering;

import io.coursegen.image.planning.PicturePlan;

/** Draws a planned picture. */
public interface PictureRenderer {

    /**
     * @param imageStyle the course's requested style, appended to the plan's prompt
     * @param imageId    which picture of the course this is ("cover" or a lessonId)
     * @throws UnreadablePictureException when the result is not a decodable PNG, JPEG or WebP picture
     */
    RenderedPicture render(PicturePlan plan, String imageStyle, String imageId);

    /** The image model one render uses, for the usage report. */
    String model();
}
