package io.coursegen.gateway.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.coursegen.contracts.CourseSpec;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /api/v1/courses} as a client sends it: everything but the topic is optional.
 * Text is trimmed before it is validated, and a blank optional field counts as absent. Unknown fields
 * are ignored so that clients written against a later version keep working.
 *
 * @param review {@code none} (the default) or {@code outline}, any case; {@code outline} stops the course at
 *               {@code OUTLINE_READY} until its owner approves the outline ({@code POST /api/v1/courses/{id}/approve})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CourseRequest(
        @NotNull @Size(min = 3, max = 200) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = NO_CONTROL_CHARACTERS_MESSAGE)
        String topic,
        @Size(max = 200) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = NO_CONTROL_CHARACTERS_MESSAGE)
        String audience,
        @Pattern(regexp = "(?i)beginner|intermediate|advanced", message = "must be one of beginner, intermediate, advanced")
        String level,
        @Pattern(regexp = SUPPORTED_LANGUAGES_PATTERN, message = "must be one of the supported languages: " + SUPPORTED_LANGUAGES)
        String language,
        @Min(1) @Max(30)
        Integer lessonCount,
        Boolean includeQuiz,
        @Size(max = 100) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = NO_CONTROL_CHARACTERS_MESSAGE)
        String imageStyle,
        @Pattern(regexp = "(?i)" + CourseSpec.NO_REVIEW + "|" + CourseSpec.OUTLINE_REVIEW,
                message = "must be one of " + CourseSpec.NO_REVIEW + ", " + CourseSpec.OUTLINE_REVIEW)
        String review) {

    static final String SUPPORTED_LANGUAGES = "en, zh-TW, zh-CN, ja, es, fr, de";
    /** BCP 47 tags compare case-insensitively; {@link #canonicalLanguage} restores the usual spelling. */
    static final String SUPPORTED_LANGUAGES_PATTERN = "(?i)en|zh-TW|zh-CN|ja|es|fr|de";
    static final String DEFAULT_AUDIENCE = "general learners";
    static final String DEFAULT_LEVEL = "beginner";
    static final String DEFAULT_LANGUAGE = "en";
    static final int DEFAULT_LESSON_COUNT = 6;
    static final String DEFAULT_IMAGE_STYLE = "clean flat illustration";

    private static final String NO_CONTROL_CHARACTERS = "[^\\p{Cc}]*";
    private static final String NO_CONTROL_CHARACTERS_MESSAGE = "must not contain control characters";
    private static final List<String> LANGUAGES = List.of(SUPPORTED_LANGUAGES.split(", "));

    public CourseRequest {
        topic = topic == null ? null : topic.strip();
        audience = presentOrNull(audience);
        level = presentOrNull(level);
        language = presentOrNull(language);
        imageStyle = presentOrNull(imageStyle);
        review = presentOrNull(review);
    }

    /** The request with every default filled in; call only after validation. */
    public CourseSpec toSpec() {
        return new CourseSpec(
                topic,
                audience == null ? DEFAULT_AUDIENCE : audience,
                level == null ? DEFAULT_LEVEL : level.toLowerCase(Locale.ROOT),
                language == null ? DEFAULT_LANGUAGE : canonicalLanguage(language),
                lessonCount == null ? DEFAULT_LESSON_COUNT : lessonCount,
                includeQuiz == null || includeQuiz,
                imageStyle == null ? DEFAULT_IMAGE_STYLE : imageStyle,
                review == null ? CourseSpec.NO_REVIEW : review.toLowerCase(Locale.ROOT));
    }

    static List<String> supportedLanguages() {
        return LANGUAGES;
    }

    private static String canonicalLanguage(String tag) {
        return LANGUAGES.stream().filter(tag::equalsIgnoreCase).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unsupported language passed validation"));
    }

    private static String presentOrNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
