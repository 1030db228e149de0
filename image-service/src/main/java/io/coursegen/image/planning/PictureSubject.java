package io.coursegen.image.planning;

import io.coursegen.contracts.ImageRequested;
import java.util.List;

/**
 * The request as the model sees it, inside the delimited data block. Everything here may come from users
 * (course topic, audience, style) or from an earlier model answer, so it is data, never instructions.
 *
 * @param picture "course cover" or "lesson illustration"
 */
record PictureSubject(
        String picture,
        String courseTitle,
        String subjectTitle,
        String subjectSummary,
        List<String> keyConcepts,
        String audience,
        String language,
        String imageStyle) {

    static PictureSubject of(ImageRequested request) {
        return new PictureSubject(
                ImageRequested.COVER.equals(request.imageId()) ? "course cover" : "lesson illustration",
                request.courseTitle(),
                request.subjectTitle(),
                request.subjectSummary(),
                request.keyConcepts() == null ? List.of() : request.keyConcepts(),
                request.audience(),
                request.language(),
                request.imageStyle());
    }
}
