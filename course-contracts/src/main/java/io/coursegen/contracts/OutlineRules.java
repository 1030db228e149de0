package io.coursegen.contracts;

import io.coursegen.contracts.OutlineDraft.DraftLesson;
import io.coursegen.contracts.OutlineDraft.DraftModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules an outline must meet before anything is published: every later step (lesson ids, parts
 * total, one picture per lesson) relies on them, and a JSON Schema cannot express them. The problems are
 * worded for the model's one repair call and, when the repair fails too, for the user. A model's outline
 * ({@link #problems}) and an author's edit of it ({@link #problemsOfEdit}) meet the same rules; only the number of
 * lessons differs: as many as asked of the model, any number from 1 to {@value #MAX_LESSONS} from an author.
 */
public final class OutlineRules {

    public static final int MAX_LESSONS = 30;

    public static final int MIN_LEARNING_OBJECTIVES = 3;
    public static final int MAX_LEARNING_OBJECTIVES = 6;

    /**
     * Verbs that name something a learner can be seen to do. Checked for English only: other languages
     * put the verb elsewhere (Japanese and German often last), and a word list per language would reject
     * good objectives.
     */
    static final Set<String> MEASURABLE_VERBS = Set.of(
            "analyse", "analyze", "apply", "argue", "assess", "build", "calculate", "choose", "classify", "compare",
            "compute", "configure", "construct", "contrast", "create", "critique", "debug", "defend", "define",
            "demonstrate", "describe", "design", "develop", "diagnose", "differentiate", "distinguish", "draw",
            "estimate", "evaluate", "explain", "formulate", "identify", "illustrate", "implement", "interpret", "judge",
            "justify", "label", "list", "locate", "match", "measure", "name", "operate", "outline", "perform", "plan",
            "predict", "prepare", "prioritise", "prioritize", "rank", "recall", "recognise", "recognize", "recommend",
            "select", "sketch", "solve", "state", "summarise", "summarize", "test", "translate", "troubleshoot", "use",
            "verify", "write");

    private OutlineRules() {
    }

    /** Every rule the model's outline breaks, in words a model can act on; empty when it is valid. */
    public static List<String> problems(CourseSpec spec, OutlineDraft outline) {
        return problems(spec, outline, spec.lessonCount(), spec.lessonCount());
    }

    /** Every rule an author's edit of the outline breaks; empty when it is valid. */
    public static List<String> problemsOfEdit(CourseSpec spec, OutlineDraft outline) {
        return problems(spec, outline, 1, MAX_LESSONS);
    }

    private static List<String> problems(CourseSpec spec, OutlineDraft outline, int minLessons, int maxLessons) {
        boolean checkVerbs = isEnglish(spec.language());
        List<String> problems = new ArrayList<>();
        requireText(problems, outline.title(), "the course title is blank");
        requireText(problems, outline.description(), "the course description is blank");
        requireText(problems, outline.audience(), "the audience is blank");
        if (outline.prerequisites() == null) {
            problems.add("the prerequisites are missing (use an empty list for none)");
        } else {
            blankItems(problems, outline.prerequisites(), "prerequisite");
        }
        List<String> objectives = outline.learningObjectives() == null ? List.of() : outline.learningObjectives();
        if (objectives.size() < MIN_LEARNING_OBJECTIVES || objectives.size() > MAX_LEARNING_OBJECTIVES) {
            problems.add("expected " + MIN_LEARNING_OBJECTIVES + " to " + MAX_LEARNING_OBJECTIVES
                    + " learning objectives but got " + objectives.size());
        }
        objectives(problems, objectives, "learning objective", checkVerbs);
        modules(problems, outline.modules());
        List<DraftLesson> lessons = outline.allLessons();
        if (minLessons == maxLessons && lessons.size() != minLessons) {
            problems.add("expected exactly " + minLessons + " lessons but got " + lessons.size());
        } else if (lessons.size() < minLessons || lessons.size() > maxLessons) {
            problems.add("expected " + minLessons + " to " + maxLessons + " lessons but got " + lessons.size());
        }
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < lessons.size(); i++) {
            DraftLesson lesson = lessons.get(i);
            String which = "lesson " + (i + 1);
            if (lesson == null) {
                problems.add(which + " is missing");
                continue;
            }
            if (isBlank(lesson.title())) {
                problems.add(which + " has a blank title");
            } else if (!titles.add(normalised(lesson.title()))) {
                problems.add(which + " repeats the title \"" + lesson.title().strip() + "\"");
            }
            requireText(problems, lesson.summary(), which + " has a blank summary");
            if (lesson.objectives() == null || lesson.objectives().isEmpty()) {
                problems.add(which + " has no objectives");
            } else {
                objectives(problems, lesson.objectives(), which + " objective", checkVerbs);
            }
            if (lesson.keyConcepts() == null || lesson.keyConcepts().isEmpty()) {
                problems.add(which + " has no key concepts");
            } else {
                blankItems(problems, lesson.keyConcepts(), which + " key concept");
            }
            if (lesson.estimatedMinutes() < 1) {
                problems.add(which + " has estimatedMinutes " + lesson.estimatedMinutes() + ", expected at least 1");
            }
        }
        return problems;
    }

    private static void modules(List<String> problems, List<DraftModule> modules) {
        if (modules == null || modules.isEmpty()) {
            problems.add("the outline has no modules");
            return;
        }
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < modules.size(); i++) {
            DraftModule module = modules.get(i);
            String which = "module " + (i + 1);
            if (module == null) {
                problems.add(which + " is missing");
                continue;
            }
            if (isBlank(module.title())) {
                problems.add(which + " has a blank title");
            } else if (!titles.add(normalised(module.title()))) {
                problems.add(which + " repeats the module title \"" + module.title().strip() + "\"");
            }
            if (module.lessons() == null || module.lessons().isEmpty()) {
                problems.add(which + " has no lessons");
            }
        }
    }

    private static void objectives(List<String> problems, List<String> objectives, String what, boolean checkVerbs) {
        for (int i = 0; i < objectives.size(); i++) {
            String objective = objectives.get(i);
            if (isBlank(objective)) {
                problems.add(what + " " + (i + 1) + " is blank");
            } else if (checkVerbs && !MEASURABLE_VERBS.contains(firstWord(objective))) {
                problems.add(what + " " + (i + 1) + " does not start with a measurable verb (describe, explain, apply, ...): \""
                        + shortened(objective) + "\"");
            }
        }
    }

    private static void blankItems(List<String> problems, List<String> items, String what) {
        for (int i = 0; i < items.size(); i++) {
            if (isBlank(items.get(i))) {
                problems.add(what + " " + (i + 1) + " is blank");
            }
        }
    }

    private static void requireText(List<String> problems, String text, String problem) {
        if (isBlank(text)) {
            problems.add(problem);
        }
    }

    /** Courses in English, whatever the region ({@code en}, {@code en-GB}). */
    private static boolean isEnglish(String language) {
        return language == null || language.isBlank()
                || language.strip().split("[-_]", 2)[0].equalsIgnoreCase("en");
    }

    private static String firstWord(String text) {
        String word = text.strip().split("\\s+", 2)[0];
        return word.replaceAll("\\p{Punct}+$", "").toLowerCase(Locale.ROOT);
    }

    private static String normalised(String title) {
        return title.strip().toLowerCase(Locale.ROOT);
    }

    private static String shortened(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 60 ? line : line.substring(0, 59) + "…";
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
