package io.coursegen.outline.fanout;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.PartRequests;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.outline.generation.GeneratedOutline;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedLesson;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedModule;
import io.coursegen.outline.generation.WrittenOutline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Numbers the lessons; which requests the numbered outline implies is {@link PartRequests}' to say, since
 * storage-service derives a regenerated lesson's requests from it too. Pure: same input, same fan-out.
 */
@Component
public class FanOutPlanner {

    public FanOut plan(CourseRequested request, WrittenOutline written, Instant outlinedAt) {
        return fanOut(request, new CourseOutlined(request.courseId(), request.tenantId(), numbered(written.outline()),
                written.usage(), outlinedAt));
    }

    /** The requests for an outline already published (the same ones {@link #plan} derived from it then). */
    public FanOut fanOut(CourseRequested request, CourseOutlined outlined) {
        return new FanOut(outlined,
                PartRequests.of(request.courseId(), request.tenantId(), request.spec(), outlined.outline()));
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
}
