package io.coursegen.outline.generation;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Usage;
import io.coursegen.llm.LlmProvider;
import io.coursegen.llm.SimulatedLatency;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedLesson;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * An outline from fixed templates, without any model: same request, same outline. It says plainly that
 * it is an offline draft, and it has the shape the OpenAI writer produces (and passes the same rules),
 * so the rest of the pipeline runs unchanged.
 */
final class OfflineOutlineWriter implements OutlineWriter {

    static final String LABEL = "[Offline draft]";

    /** One lesson angle per position; past the end the angles repeat with a part number, keeping titles distinct. */
    private static final List<Angle> ANGLES = List.of(
            new Angle("Foundations of %s", "foundations"),
            new Angle("Key ideas in %s", "key ideas"),
            new Angle("Tools and techniques for %s", "tools and techniques"),
            new Angle("Worked examples in %s", "worked examples"),
            new Angle("Common mistakes with %s", "common mistakes"),
            new Angle("%s in the real world", "real-world use"),
            new Angle("Advanced questions about %s", "advanced questions"),
            new Angle("Reviewing %s", "review"));

    private static final Usage USAGE = new Usage(LlmProvider.OFFLINE.id(), LlmProvider.OFFLINE.id(), 0, 0, 0, 0);

    private record Angle(String titleFormat, String concept) {
    }

    private final Duration latency;

    OfflineOutlineWriter(Duration latency) {
        this.latency = latency;
    }

    @Override
    public WrittenOutline write(CourseSpec spec) {
        SimulatedLatency.pause(latency);
        String topic = spec.topic().strip();
        List<GeneratedLesson> lessons = IntStream.range(0, spec.lessonCount())
                .mapToObj(index -> lesson(topic, index))
                .toList();
        GeneratedOutline outline = new GeneratedOutline(
                LABEL + " " + topic,
                "An offline draft outline of " + spec.lessonCount() + " lessons on \"" + topic + "\" for " + spec.level()
                        + " learners. It was produced from fixed templates without a language model, so the platform"
                        + " can be tried end to end; generate the course with the openai provider for real content.",
                spec.audience(),
                List.of("None: this offline draft assumes no prior knowledge of " + topic),
                List.of(
                        "Describe the foundations of " + topic,
                        "Apply the key ideas of " + topic + " to a simple example",
                        "Identify common mistakes made with " + topic),
                lessons);
        return new WrittenOutline(outline, USAGE);
    }

    private static GeneratedLesson lesson(String topic, int index) {
        Angle angle = ANGLES.get(index % ANGLES.size());
        int round = index / ANGLES.size();
        String title = angle.titleFormat().formatted(topic) + (round == 0 ? "" : " (part " + (round + 1) + ")");
        return new GeneratedLesson(
                title,
                "Offline draft: this lesson would cover the " + angle.concept() + " of " + topic
                        + ". Written from a template, without a language model.",
                List.of("Describe the " + angle.concept() + " of " + topic, "Give one example of " + topic + " in use"),
                List.of(topic, angle.concept(), "offline draft"),
                10 + 5 * (index % 3));
    }
}
