package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseSpec;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CourseRequestTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void fillsEveryDefaultWhenOnlyTheTopicIsGiven() {
        CourseRequest request = new CourseRequest("Quantum computing", null, null, null, null, null, null, null);

        assertThat(validator.validate(request)).isEmpty();
        assertThat(request.toSpec()).isEqualTo(new CourseSpec("Quantum computing", "general learners", "beginner",
                "en", 6, true, "clean flat illustration"));
    }

    @Test
    void keepsEveryGivenValue() {
        CourseRequest request = new CourseRequest("Kafka", "SREs", "advanced", "ja", 12, false, "watercolour", null);

        assertThat(request.toSpec()).isEqualTo(new CourseSpec("Kafka", "SREs", "advanced", "ja", 12, false, "watercolour"));
    }

    @Test
    void trimsTextAndTreatsBlankOptionalTextAsAbsent() {
        CourseRequest request = new CourseRequest("  Kafka basics \n", "   ", " ", "", null, null, "  ink sketch ", null);

        assertThat(validator.validate(request)).isEmpty();
        assertThat(request.toSpec()).isEqualTo(new CourseSpec("Kafka basics", "general learners", "beginner", "en", 6,
                true, "ink sketch"));
    }

    @Test
    void storesTheLevelInLowercaseAndTheLanguageInItsUsualSpelling() {
        CourseRequest request = new CourseRequest("Kafka", null, "InterMEDIATE", "zh-tw", null, null, null, null);

        assertThat(validator.validate(request)).isEmpty();
        assertThat(request.toSpec().level()).isEqualTo("intermediate");
        assertThat(request.toSpec().language()).isEqualTo("zh-TW");
    }

    @Test
    void acceptsExactlyTheSupportedLanguagesInAnyCase() {
        assertThat(CourseRequest.supportedLanguages()).containsExactly("en", "zh-TW", "zh-CN", "ja", "es", "fr", "de");
        for (String language : CourseRequest.supportedLanguages()) {
            for (String spelling : List.of(language, language.toUpperCase(Locale.ROOT), language.toLowerCase(Locale.ROOT))) {
                CourseRequest request = new CourseRequest("Kafka", null, null, spelling, null, null, null, null);
                assertThat(validator.validate(request)).as(spelling).isEmpty();
                assertThat(request.toSpec().language()).isEqualTo(language);
            }
        }
    }

    @Test
    void generatesStraightThroughUnlessOutlineReviewIsAskedForInAnyCase() {
        CourseRequest unasked = new CourseRequest("Kafka", null, null, null, null, null, null, null);
        CourseRequest blank = new CourseRequest("Kafka", null, null, null, null, null, null, "  ");
        CourseRequest none = new CourseRequest("Kafka", null, null, null, null, null, null, "NONE");
        CourseRequest outline = new CourseRequest("Kafka", null, null, null, null, null, null, " Outline ");

        assertThat(Stream.of(unasked, blank, none, outline).flatMap(request -> validator.validate(request).stream()))
                .isEmpty();
        assertThat(Stream.of(unasked, blank, none).map(request -> request.toSpec().review()))
                .containsOnly(CourseSpec.NO_REVIEW);
        assertThat(outline.toSpec().review()).isEqualTo(CourseSpec.OUTLINE_REVIEW);
        assertThat(outline.toSpec().reviewsOutline()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void namesTheFieldAndTheRuleOfEachInvalidValue(String why, CourseRequest request, String field, String message) {
        assertThat(validator.validate(request))
                .extracting(v -> v.getPropertyPath().toString(), ConstraintViolation::getMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(field, message));
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                invalid("topic missing", new CourseRequest(null, null, null, null, null, null, null, null),
                        "topic", "must not be null"),
                invalid("topic too short after trimming", new CourseRequest("  ab  ", null, null, null, null, null, null, null),
                        "topic", "size must be between 3 and 200"),
                invalid("topic too long", new CourseRequest("x".repeat(201), null, null, null, null, null, null, null),
                        "topic", "size must be between 3 and 200"),
                invalid("topic with a control character", new CourseRequest("Kafka\u0000", null, null, null, null, null, null, null),
                        "topic", "must not contain control characters"),
                invalid("audience too long", new CourseRequest("Kafka", "a".repeat(201), null, null, null, null, null, null),
                        "audience", "size must be between 0 and 200"),
                invalid("unknown level", new CourseRequest("Kafka", null, "expert", null, null, null, null, null),
                        "level", "must be one of beginner, intermediate, advanced"),
                invalid("unsupported language", new CourseRequest("Kafka", null, null, "it", null, null, null, null),
                        "language", "must be one of the supported languages: en, zh-TW, zh-CN, ja, es, fr, de"),
                invalid("language with an underscore", new CourseRequest("Kafka", null, null, "zh_TW", null, null, null, null),
                        "language", "must be one of the supported languages: en, zh-TW, zh-CN, ja, es, fr, de"),
                invalid("no lessons", new CourseRequest("Kafka", null, null, null, 0, null, null, null),
                        "lessonCount", "must be greater than or equal to 1"),
                invalid("too many lessons", new CourseRequest("Kafka", null, null, null, 31, null, null, null),
                        "lessonCount", "must be less than or equal to 30"),
                invalid("image style too long", new CourseRequest("Kafka", null, null, null, null, null, "s".repeat(101), null),
                        "imageStyle", "size must be between 0 and 100"),
                invalid("unknown review", new CourseRequest("Kafka", null, null, null, null, null, null, "lessons"),
                        "review", "must be one of none, outline"));
    }

    private static Arguments invalid(String why, CourseRequest request, String field, String message) {
        return Arguments.of(why, request, field, message);
    }
}
