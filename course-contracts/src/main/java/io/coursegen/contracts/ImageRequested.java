package io.coursegen.contracts;

import java.util.List;

/**
 * Plan and draw one picture: the course cover or one lesson's illustration. Planned from the outline
 * so pictures are drawn while lessons are written.
 *
 * @param imageId      {@code cover} or the lessonId it illustrates
 * @param lessonId     null for the cover
 * @param revision     null for the first generation; 2, 3, ... when the owner asked to regenerate the lesson
 * @param instructions the owner's wish for a regeneration (user text, at most 500 characters); null otherwise
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
        String imageStyle,
        Integer revision,
        String instructions) {

    public static final String COVER = "cover";

    /** A first generation, as requested before lessons could be regenerated. */
    public ImageRequested(String courseId, String tenantId, String imageId, String lessonId, String courseTitle,
            String subjectTitle, String subjectSummary, List<String> keyConcepts, String audience, String language,
            String imageStyle) {
        this(courseId, tenantId, imageId, lessonId, courseTitle, subjectTitle, subjectSummary, keyConcepts, audience,
                language, imageStyle, null, null);
    }
}
