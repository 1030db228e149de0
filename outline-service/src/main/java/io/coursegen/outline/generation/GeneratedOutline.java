package io.coursegen.outline.generation;

import dev.langchain4j.model.output.structured.Description;
import java.util.List;

/**
 * The outline as the model is asked to write it (its JSON Schema is generated from this record and sent
 * with the request); the offline writer produces the same shape. Lesson ids and positions are not the
 * model's business: they follow from the order of {@code lessons}.
 */
public record GeneratedOutline(
        @Description("Course title, at most 80 characters") String title,
        @Description("Two or three sentences: what the course covers and what the learner can do afterwards") String description,
        @Description("Who the course is for, refined from the request") String audience,
        @Description("What a learner should know before starting; may be empty") List<String> prerequisites,
        @Description("3 to 6 course objectives, each starting with a measurable verb") List<String> learningObjectives,
        @Description("The lessons in teaching order, exactly as many as requested") List<GeneratedLesson> lessons) {

    public record GeneratedLesson(
            @Description("Lesson title, unique within the course") String title,
            @Description("Two or three sentences on what the lesson teaches") String summary,
            @Description("2 to 4 lesson objectives, each starting with a measurable verb") List<String> objectives,
            @Description("3 to 5 key concepts the lesson explains, as short noun phrases") List<String> keyConcepts,
            @Description("Minutes a learner of this audience needs for the lesson, at least 1") int estimatedMinutes) {
    }
}
