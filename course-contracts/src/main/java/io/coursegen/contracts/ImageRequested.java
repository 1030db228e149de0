package io.coursegen.contracts;

import java.util.List;

/**
 * Plan and draw one picture: the course cover or one lesson's illustration. Planned from the outline
 * so pictures are drawn while lessons are written.
 *
 * @param imageId  {@code cover} or the lessonId it illustrates
 * @param lessonId null for the cover
 */
public record ImageRequested(
        String courseId,
        String tenantId,
        String imageId,
        String lessonId,
        String courseTitle,
        String subjectTitle,
        String subjectSummary,
        List<String> keyConcepts,
        String audience,
        String language,
        String imageStyle) {

    public static final String COVER = "cover";
}
