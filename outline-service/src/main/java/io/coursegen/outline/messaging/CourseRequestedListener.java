package io.coursegen.outline.messaging;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.Topics;
import io.coursegen.kafka.CancelledCourses;
import io.coursegen.outline.fanout.FanOut;
import io.coursegen.outline.fanout.FanOutPlanner;
import io.coursegen.outline.generation.OutlineWriter;
import io.coursegen.outline.generation.WrittenOutline;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

@Component
class CourseRequestedListener {

    private static final Logger log = LoggerFactory.getLogger(CourseRequestedListener.class);

    private final OutlineWriter writer;
    private final FanOutPlanner planner;
    private final KafkaTemplate<String, Object> kafka;
    private final CancelledCourses cancelled;

    CourseRequestedListener(OutlineWriter writer, FanOutPlanner planner, KafkaTemplate<String, Object> kafka,
            CancelledCourses cancelled) {
        this.writer = writer;
        this.planner = planner;
        this.kafka = kafka;
        this.cancelled = cancelled;
    }

    /** A cancelled course gets no model call and no output; returning normally commits its offset. */
    @KafkaListener(topics = Topics.COURSE_REQUESTED)
    void on(CourseRequested request) {
        if (cancelled.contains(request.courseId())) {
            log.info("Course {} was cancelled by its owner: not outlined", request.courseId());
            return;
        }
        WrittenOutline written = writer.write(request.spec());
        if (cancelled.contains(request.courseId())) {
            log.info("Course {} was cancelled while it was outlined: no lessons or pictures requested", request.courseId());
            return;
        }
        FanOut fanOut = planner.plan(request, written, Instant.now());
        String courseId = request.courseId();

        // The outline is on the broker before any part is requested, so no part's result can precede it.
        kafka.send(Topics.COURSE_OUTLINED, courseId, fanOut.outlined()).join();
        CompletableFuture.allOf(Stream.concat(
                        fanOut.lessons().stream().map(lesson -> kafka.send(Topics.LESSON_REQUESTED,
                                Topics.partKey(courseId, "lesson:" + lesson.lesson().lessonId()), lesson)),
                        fanOut.images().stream().map(image -> kafka.send(Topics.IMAGE_REQUESTED,
                                Topics.partKey(courseId, "image:" + image.imageId()), image)))
                .toArray(CompletableFuture[]::new))
                .join();
        log.info("Outlined course {}: {} lessons and {} images requested ({} {}, {} completion tokens)", courseId,
                fanOut.lessons().size(), fanOut.images().size(), written.usage().provider(), written.usage().model(),
                written.usage().completionTokens());
    }
}
