package io.coursegen.contracts;

import java.time.Instant;

/**
 * image-service stored a picture in object storage. Carries the object key, never the bytes
 * (claim check).
 *
 * @param objectKey     content-addressed: {@code images/<sha256>.<ext>}
 * @param visualConcept the idea or metaphor the picture shows
 * @param caption       how the picture relates to the lesson
 * @param altText       what the picture shows and why, for screen readers
 * @param revision      copied from the {@link ImageRequested}: null for the first generation
 */
public record ImageGenerated(
        String courseId,
        String imageId,
        String lessonId,
        String objectKey,
        String contentType,
        int width,
        int height,
        long byteSize,
        String sha256,
        String visualConcept,
        String caption,
        String altText,
        String prompt,
        Usage usage,
        Instant generatedAt,
        Integer revision) {

    /** A first generation, as reported before lessons could be regenerated. */
    public ImageGenerated(String courseId, String imageId, String lessonId, String objectKey, String contentType,
            int width, int height, long byteSize, String sha256, String visualConcept, String caption, String altText,
            String prompt, Usage usage, Instant generatedAt) {
        this(courseId, imageId, lessonId, objectKey, contentType, width, height, byteSize, sha256, visualConcept,
                caption, altText, prompt, usage, generatedAt, null);
    }
}
