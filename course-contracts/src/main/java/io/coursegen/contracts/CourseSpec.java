package io.coursegen.contracts;

/**
 * What a client asked for, after validation and defaults: every field is set.
 *
 * @param language BCP 47 tag; every generated string is in this language
 * @param review   {@value #NO_REVIEW}, or {@value #OUTLINE_REVIEW}: the course stops at
 *                 {@link CourseStatus#OUTLINE_READY} until its owner approves the outline; null (records written
 *                 before reviews existed) reads as {@value #NO_REVIEW}
 */
public record CourseSpec(
        String topic,
        String audience,
        String level,
        String language,
        int lessonCount,
        boolean includeQuiz,
        String imageStyle,
        String review) {

    public static final String NO_REVIEW = "none";
    public static final String OUTLINE_REVIEW = "outline";

    public CourseSpec {
        review = review == null ? NO_REVIEW : review;
        if (!review.equals(NO_REVIEW) && !review.equals(OUTLINE_REVIEW)) {
            throw new IllegalArgumentException("review must be " + NO_REVIEW + " or " + OUTLINE_REVIEW + ", was " + review);
        }
    }

    /** A course generated straight through, as every course was before reviews. */
    public CourseSpec(String topic, String audience, String level, String language, int lessonCount,
            boolean includeQuiz, String imageStyle) {
        this(topic, audience, level, language, lessonCount, includeQuiz, imageStyle, NO_REVIEW);
    }

    /** Whether the outline waits for its owner's approval before any lesson or picture is requested. */
    public boolean reviewsOutline() {
        return OUTLINE_REVIEW.equals(review);
    }

    /** The same request for an outline of {@code lessons} lessons (an approved outline may have a different count). */
    public CourseSpec withLessonCount(int lessons) {
        return new CourseSpec(topic, audience, level, language, lessons, includeQuiz, imageStyle, review);
    }
}
