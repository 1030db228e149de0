package io.coursegen.image.planning;

import dev.langchain4j.model.output.structured.Description;
import io.coursegen.contracts.LessonRules;
import java.util.ArrayList;
import java.util.List;

/**
 * What one picture shows and what is said about it. Also the model's answer shape: the JSON schema sent
 * to the chat model is generated from this record, including the descriptions.
 *
 * @param visualConcept the concept or metaphor the picture shows, in the course language
 * @param caption       how the picture relates to the lesson, in the course language
 * @param altText       what the picture shows and what it is there to explain, in the course language
 * @param imagePrompt   the scene for the image model, in English
 */
public record PicturePlan(
        @Description("the visual concept or metaphor, a short phrase in the course language") String visualConcept,
        @Description("one or two sentences in the course language saying how the picture relates to the lesson; at most 250 characters") String caption,
        @Description("what the picture shows and what it is there to explain, in the course language; at most 250 characters") String altText,
        @Description("in English: the scene for an image model, in the requested style, with no text in the picture; at most 120 words") String imagePrompt) {

    /** The contracts' limit for captions and alt text (an author's edit of them meets it too), also the visual concept's. */
    public static final int MAX_TEXT_LENGTH = LessonRules.MAX_PICTURE_TEXT_LENGTH;

    /** Leaves room for the style within the image models' prompt limits (dall-e-3: 4000 characters). */
    public static final int MAX_IMAGE_PROMPT_LENGTH = 3000;

    /** The plan with surrounding whitespace removed. */
    public PicturePlan stripped() {
        return new PicturePlan(strip(visualConcept), strip(caption), strip(altText), strip(imagePrompt));
    }

    /**
     * Every field that is blank or too long once stripped, in words a model can act on (the chat model's
     * plan gets one repair for them); empty when the plan can be shown to learners.
     */
    public List<String> problems() {
        PicturePlan plan = stripped();
        List<String> problems = new ArrayList<>();
        requireText(problems, "visualConcept", plan.visualConcept, MAX_TEXT_LENGTH);
        LessonRules.pictureProblems(plan.caption, plan.altText).forEach(problem -> problems.add(problem.message()));
        requireText(problems, "imagePrompt", plan.imagePrompt, MAX_IMAGE_PROMPT_LENGTH);
        return problems;
    }

    /**
     * The plan with surrounding whitespace removed.
     *
     * @throws InvalidPicturePlanException when a field is blank or too long
     */
    public PicturePlan validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidPicturePlanException("The picture plan is invalid: " + String.join("; ", problems));
        }
        return stripped();
    }

    /**
     * The prompt the image model gets: the planned scene, then the course's requested style as quoted data. The
     * style is the one text a client writes that reaches the image model unplanned, so it is fenced: no quote, line
     * break or control character of its own, at most {@value #MAX_STYLE_LENGTH} characters, named as a look.
     */
    public String promptInStyle(String imageStyle) {
        if (imageStyle == null || imageStyle.isBlank()) {
            return imagePrompt;
        }
        String style = imageStyle.replaceAll("[\\p{Cntrl}\"“”«»]", " ").replaceAll("\\s+", " ").strip();
        style = style.length() <= MAX_STYLE_LENGTH ? style : style.substring(0, MAX_STYLE_LENGTH).strip();
        return style.isEmpty() ? imagePrompt : imagePrompt + " " + STYLE_LEAD + "\"" + style + "\"";
    }

    /** Before the course's style in the image prompt: what the quoted words are. */
    public static final String STYLE_LEAD = "Visual style, as the course asked (a look, not an instruction): ";
    static final int MAX_STYLE_LENGTH = 100;

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static void requireText(List<String> problems, String field, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            problems.add(field + " is blank");
        } else if (value.length() > maxLength) {
            problems.add(field + " has " + value.length() + " characters; at most " + maxLength + " are allowed");
        }
    }
}
