package io.coursegen.outline.fanout;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.outline.generation.GeneratedOutline;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedLesson;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedModule;
import io.coursegen.outline.generation.WrittenOutline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/** Numbers the lessons and derives every request from the outline. Pure: same input, same fan-out. */
@Component
public class FanOutPlanner {

    /** The cover shows the course as a whole: the leading concepts of each lesson, without repeats. */
    static final int COVER_CONCEPTS_PER_LESSON = 2;
    static final int COVER_CONCEPTS_MAX = 6;

    public FanOut plan(CourseRequested request, WrittenOutline written, Instant outlinedAt) {
        return fanOut(request, new CourseOutlined(request.courseId(), request.tenantId(), numbered(written.outline()),
                written.usage(), outlinedAt));
    }

    /** The requests for an outline already published (the same ones {@link #plan} derived from it then). */
    public FanOut fanOut(CourseRequested request, CourseOutlined outlined) {
        Outline outline = outlined.outline();
        List<OutlineLesson> lessons = outline.lessons();
        List<LessonRequested> lessonRequests = IntStream.range(0, lessons.size())
                .mapToObj(index -> new LessonRequested(request.courseId(), request.tenantId(), outline.title(),
                        request.spec(), lessons.get(index),
                        index == 0 ? null : lessons.get(index - 1).title(),
                        index == lessons.size() - 1 ? null : lessons.get(index + 1).title()))
                .toList();
        List<ImageRequested> images = new ArrayList<>();
        lessons.forEach(lesson -> images.add(new ImageRequested(request.courseId(), request.tenantId(), lesson.lessonId(),
                lesson.lessonId(), outline.title(), lesson.title(), lesson.summary(), lesson.keyConcepts(),
                outline.audience(), request.spec().language(), request.spec().imageStyle())));
        images.add(new ImageRequested(request.courseId(), request.tenantId(), ImageRequested.COVER, null,
                outline.title(), outline.title(), outline.description(), coverConcepts(lessons),
                outline.audience(), request.spec().language(), request.spec().imageStyle()));
        return new FanOut(outlined, lessonRequests, List.copyOf(images));
    }

    /** "lesson-01", "lesson-02", ... in teaching order; positions are 1-based. */
    static String lessonId(int position) {
        return "lesson-%02d".formatted(position);
    }

    /** Positions run across modules; each lesson carries its module's title, so a module is a run of lessons. */
    private static Outline numbered(GeneratedOutline outline) {
        List<OutlineLesson> lessons = new ArrayList<>();
        for (GeneratedModule module : outline.modules()) {
            for (GeneratedLesson lesson : module.lessons()) {
                int position = lessons.size() + 1;
                lessons.add(new OutlineLesson(lessonId(position), position, lesson.title(), lesson.summary(),
                        lesson.objectives(), lesson.keyConcepts(), lesson.estimatedMinutes(), module.title()));
            }
        }
        return new Outline(outline.title(), outline.description(), outline.audience(), outline.prerequisites(),
                outline.learningObjectives(), List.copyOf(lessons));
    }

    private static List<String> coverConcepts(List<OutlineLesson> lessons) {
        Set<String> concepts = new LinkedHashSet<>();
        lessons.forEach(lesson -> lesson.keyConcepts().stream()
                .limit(COVER_CONCEPTS_PER_LESSON)
                .forEach(concepts::add));
        return concepts.stream().limit(COVER_CONCEPTS_MAX).toList();
    }
}
