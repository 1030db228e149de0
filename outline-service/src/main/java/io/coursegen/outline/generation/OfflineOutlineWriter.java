package io.coursegen.outline.generation;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.CourseLanguage;
import io.coursegen.llm.LlmProvider;
import io.coursegen.llm.OfflineModel;
import io.coursegen.llm.OfflineTexts;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedLesson;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * An outline from fixed templates ({@code offline/outline-<language>.properties}), without any model: same
 * request, same outline. It says plainly, in the course language, that it is an offline draft, and it has
 * the shape the OpenAI writer produces (and passes the same rules), so the rest of the pipeline runs
 * unchanged. Written as an {@link OfflineModel} chat call: simulated latency, capacity limits and a span.
 */
final class OfflineOutlineWriter implements OutlineWriter {

    /** One lesson angle per position; past the end the angles repeat with a part number, keeping titles distinct. */
    static final int ANGLES = 8;
    /** Lessons are grouped into as few modules of at most this many as possible, sized within one of each other. */
    static final int MAX_LESSONS_PER_MODULE = 4;

    private static final Usage USAGE = new Usage(LlmProvider.OFFLINE.id(), LlmProvider.OFFLINE.id(), 0, 0, 0, 0);

    private final OfflineModel model;
    private final Map<CourseLanguage, OfflineTexts> texts = new EnumMap<>(CourseLanguage.class);

    OfflineOutlineWriter(OfflineModel model) {
        this.model = model;
        Arrays.stream(CourseLanguage.values()).forEach(language -> texts.put(language, OfflineTexts.load("outline", language)));
    }

    @Override
    public WrittenOutline write(CourseSpec spec) {
        OfflineTexts text = texts.get(CourseLanguage.of(spec.language()));
        return model.chat(() -> draft(text, spec));
    }

    private static WrittenOutline draft(OfflineTexts text, CourseSpec spec) {
        String topic = spec.topic().strip();
        Map<String, Object> about = Map.of("topic", topic);
        List<GeneratedLesson> lessons = IntStream.range(0, spec.lessonCount())
                .mapToObj(index -> lesson(text, topic, index))
                .toList();
        GeneratedOutline outline = new GeneratedOutline(
                text.text("title", Map.of("label", text.text("label"), "topic", topic)),
                text.text("description", Map.of("count", spec.lessonCount(), "topic", topic, "level", level(text, spec.level()))),
                spec.audience(),
                List.of(text.text("prerequisite", about)),
                List.of(text.text("objective.1", about), text.text("objective.2", about), text.text("objective.3", about)),
                modules(text, topic, lessons));
        return new WrittenOutline(outline, USAGE);
    }

    /** Consecutive runs of lessons, e.g. 6 lessons as 3 + 3 and 7 as 4 + 3. */
    static List<GeneratedModule> modules(OfflineTexts text, String topic, List<GeneratedLesson> lessons) {
        int count = Math.max(1, (lessons.size() + MAX_LESSONS_PER_MODULE - 1) / MAX_LESSONS_PER_MODULE);
        List<GeneratedModule> modules = new ArrayList<>();
        int from = 0;
        for (int number = 1; number <= count; number++) {
            int size = lessons.size() / count + (number <= lessons.size() % count ? 1 : 0);
            modules.add(new GeneratedModule(text.text("module.title", Map.of("number", number, "topic", topic)),
                    lessons.subList(from, from + size)));
            from += size;
        }
        return List.copyOf(modules);
    }

    private static GeneratedLesson lesson(OfflineTexts text, String topic, int index) {
        int angle = index % ANGLES + 1;
        int round = index / ANGLES;
        String title = text.text("angle." + angle + ".title", Map.of("topic", topic));
        if (round > 0) {
            title = text.text("lesson.part", Map.of("title", title, "number", round + 1));
        }
        String concept = text.text("angle." + angle + ".concept");
        Map<String, Object> about = Map.of("topic", topic, "angle", concept);
        return new GeneratedLesson(
                title,
                text.text("lesson.summary", about),
                List.of(text.text("lesson.objective.1", about), text.text("lesson.objective.2", about)),
                List.of(topic, concept, text.text("concept.offline")),
                10 + 5 * (index % 3));
    }

    /** The level in the course language; a level outside the three known ones is shown as given. */
    private static String level(OfflineTexts text, String level) {
        String key = "level." + level;
        return text.keys().contains(key) ? text.text(key) : level;
    }
}
