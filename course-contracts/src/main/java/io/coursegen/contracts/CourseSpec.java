package io.coursegen.contracts;

/**
 * What a client asked for, after validation and defaults: every field is set.
 *
 * @param language BCP 47 tag; every generated string is in this language
 */
public record CourseSpec(
        String topic,
        String audience,
        String level,
        String language,
        int lessonCount,
        boolean includeQuiz,
        String imageStyle) {
}
