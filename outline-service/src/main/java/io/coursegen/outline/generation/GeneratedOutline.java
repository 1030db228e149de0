package io.coursegen.outline.generation;

import dev.langchain4j.model.output.structured.Description;
import io.coursegen.contracts.OutlineDraft;
import java.util.List;

/**
 * The outline as the model is asked to write it (its JSON Schema is generated from this record and sent
 * with the request); the offline writer produces the same shape. Lesson ids and positions are not the
 * model's business: they follow from the order of the lessons across {@code modules}.
 */
public record GeneratedOutline(
        @Description("Course title, at most 80 characters") String title,
        @Description("Two or three sentences: what the course covers and what the learner can do afterwards") String description,
        @Description("Who the course is for, refined from the request") String audience,
        @Description("What a learner should know before starting; may be empty") List<String> prerequisites,
        @Description("3 to 6 course objectives, each built on a measurable verb") List<String> learningObjectives,
        @Description("The modules in teaching order, each a run of consecutive lessons on one theme; together they hold exactly as many lessons as requested") List<GeneratedModule> modules) {

    public record GeneratedModule(
            @Description("Module title, unique within the course") String title,
            @Description("The module's lessons in teaching order, at least one") List<GeneratedLesson> lessons) {
    }

    public record GeneratedLesson(
            @Description("Lesson title, unique within the course") String title,
            @Description("Two or three sentences on what the lesson teaches") String summary,
            @Description("2 to 4 lesson objectives, each built on a measurable verb") List<String> objectives,
            @Description("3 to 5 key concepts the lesson explains, as short noun phrases") List<String> keyConcepts,
            @Description("Minutes a learner of this audience needs for the lesson, at least 1") int estimatedMinutes) {
    }

    /** The same outline without the model's field descriptions, as the outline rules and authors see it. */
    public OutlineDraft draft() {
        return new OutlineDraft(title, description, audience, prerequisites, learningObjectives, modules == null ? null
                : modules.stream().map(module -> module == null ? null : new OutlineDraft.DraftModule(module.title(),
                        module.lessons() == null ? null : module.lessons().stream().map(lesson -> lesson == null ? null
                                : new OutlineDraft.DraftLesson(lesson.title(), lesson.summary(), lesson.objectives(),
                                        lesson.keyConcepts(), lesson.estimatedMinutes())).toList())).toList());
    }
}
