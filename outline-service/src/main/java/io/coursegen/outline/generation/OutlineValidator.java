package io.coursegen.outline.generation;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedLesson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules an outline must meet before anything is published: every later step (lesson ids, parts
 * total, one picture per lesson) relies on them, and a JSON Schema cannot express them.
 */
final class OutlineValidator {

    static final int MIN_LEARNING_OBJECTIVES = 3;
    static final int MAX_LEARNING_OBJECTIVES = 6;

    /** Every rule the outline breaks, in words a model can act on; empty when it is valid. */
    List<String> problems(CourseSpec spec, GeneratedOutline outline) {
        List<String> problems = new ArrayList<>();
        if (isBlank(outline.title())) {
            problems.add("the course title is blank");
        }
        if (isBlank(outline.description())) {
            problems.add("the course description is blank");
        }
        if (outline.prerequisites() == null) {
            problems.add("the prerequisites are missing (use an empty list for none)");
        }
        int objectives = countNonBlank(outline.learningObjectives());
        if (objectives < MIN_LEARNING_OBJECTIVES || objectives > MAX_LEARNING_OBJECTIVES) {
            problems.add("expected " + MIN_LEARNING_OBJECTIVES + " to " + MAX_LEARNING_OBJECTIVES
                    + " learning objectives but got " + objectives);
        }
        List<GeneratedLesson> lessons = outline.lessons() == null ? List.of() : outline.lessons();
        if (lessons.size() != spec.lessonCount()) {
            problems.add("expected exactly " + spec.lessonCount() + " lessons but got " + lessons.size());
        }
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < lessons.size(); i++) {
            GeneratedLesson lesson = lessons.get(i);
            String which = "lesson " + (i + 1);
            if (lesson == null) {
                problems.add(which + " is missing");
                continue;
            }
            if (isBlank(lesson.title())) {
                problems.add(which + " has a blank title");
            } else if (!titles.add(lesson.title().strip().toLowerCase(Locale.ROOT))) {
                problems.add(which + " repeats the title \"" + lesson.title().strip() + "\"");
            }
            if (isBlank(lesson.summary())) {
                problems.add(which + " has a blank summary");
            }
            if (countNonBlank(lesson.objectives()) == 0) {
                problems.add(which + " has no objectives");
            }
            if (countNonBlank(lesson.keyConcepts()) == 0) {
                problems.add(which + " has no key concepts");
            }
            if (lesson.estimatedMinutes() < 1) {
                problems.add(which + " has estimatedMinutes " + lesson.estimatedMinutes() + ", expected at least 1");
            }
        }
        return problems;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static int countNonBlank(List<String> texts) {
        return texts == null ? 0 : (int) texts.stream().filter(text -> !isBlank(text)).count();
    }
}
