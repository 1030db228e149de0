package io.coursegen.contracts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An outline as people and models write it: modules of lessons in teaching order, without lesson ids or positions.
 * outline-service's model answers in this shape, and an author edits a course's outline in it
 * ({@code PUT /api/v1/courses/{id}/outline}); {@link OutlineRules} checks both alike, and {@link #numbered} gives the
 * {@link Outline} every later step works from.
 */
public record OutlineDraft(
        String title,
        String description,
        String audience,
        List<String> prerequisites,
        List<String> learningObjectives,
        List<DraftModule> modules) {

    public record DraftModule(String title, List<DraftLesson> lessons) {
    }

    public record DraftLesson(
            String title,
            String summary,
            List<String> objectives,
            List<String> keyConcepts,
            int estimatedMinutes) {
    }

    /** Every lesson in teaching order, module after module; what is missing is skipped (the rules report it). */
    public List<DraftLesson> allLessons() {
        return modules == null ? List.of() : modules.stream()
                .filter(Objects::nonNull)
                .flatMap(module -> module.lessons() == null ? Stream.empty() : module.lessons().stream())
                .toList();
    }

    /**
     * Lessons numbered {@code lesson-01}, {@code lesson-02}, ... in teaching order (positions 1-based, running across
     * modules); each lesson carries its module's title, so a module is a run of lessons.
     */
    public Outline numbered() {
        List<Outline.OutlineLesson> lessons = new ArrayList<>();
        for (DraftModule module : modules) {
            for (DraftLesson lesson : module.lessons()) {
                int position = lessons.size() + 1;
                lessons.add(new Outline.OutlineLesson(lessonId(position), position, lesson.title(), lesson.summary(),
                        lesson.objectives(), lesson.keyConcepts(), lesson.estimatedMinutes(), module.title()));
            }
        }
        return new Outline(title, description, audience, prerequisites, learningObjectives, List.copyOf(lessons));
    }

    /** The draft of a numbered outline: consecutive lessons of one module title form a module. */
    public static OutlineDraft of(Outline outline) {
        Map<Integer, DraftModule> modules = new LinkedHashMap<>();
        String previous = null;
        List<DraftLesson> current = null;
        for (Outline.OutlineLesson lesson : outline.lessons()) {
            String module = lesson.module() == null ? outline.title() : lesson.module();
            if (current == null || !module.equals(previous)) {
                current = new ArrayList<>();
                modules.put(modules.size(), new DraftModule(module, current));
                previous = module;
            }
            current.add(new DraftLesson(lesson.title(), lesson.summary(), lesson.objectives(), lesson.keyConcepts(),
                    lesson.estimatedMinutes()));
        }
        return new OutlineDraft(outline.title(), outline.description(), outline.audience(), outline.prerequisites(),
                outline.learningObjectives(), modules.values().stream()
                        .map(module -> new DraftModule(module.title(), List.copyOf(module.lessons()))).toList());
    }

    /** "lesson-01", "lesson-02", ... in teaching order; positions are 1-based. */
    public static String lessonId(int position) {
        return "lesson-%02d".formatted(position);
    }
}
