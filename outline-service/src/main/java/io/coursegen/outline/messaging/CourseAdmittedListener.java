package io.coursegen.outline.messaging;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.Topics;
import io.coursegen.kafka.CancelledCourses;
import io.coursegen.kafka.PartSpread;
import io.coursegen.kafka.PublishedParts;
import io.coursegen.outline.fanout.FanOut;
import io.coursegen.outline.fanout.FanOutPlanner;
import io.coursegen.outline.generation.OutlineWriter;
import io.coursegen.outline.generation.WrittenOutline;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

@Component
class CourseAdmittedListener {

    static final String OUTLINE_PART = "outline";

    private static final Logger log = LoggerFactory.getLogger(CourseAdmittedListener.class);

    private final OutlineWriter writer;
    private final FanOutPlanner planner;
    private final KafkaTemplate<String, Object> kafka;
    private final CancelledCourses cancelled;
    private final PublishedParts published;
    private final JsonMapper json;

    CourseAdmittedListener(OutlineWriter writer, FanOutPlanner planner, KafkaTemplate<String, Object> kafka,
            CancelledCourses cancelled, PublishedParts published, JsonMapper json) {
        this.writer = writer;
        this.planner = planner;
        this.kafka = kafka;
        this.cancelled = cancelled;
        this.published = published;
        this.json = json;
    }

    /**
     * A cancelled course gets no model call and no output; returning normally commits its offset. A course already
     * outlined (its request delivered again, e.g. after a crash between the outline and the commit) gets no second
     * model call either: its parts are requested again from the published outline, since the crash may have
     * come before all of them were sent (the generating services skip parts they already produced).
     */
    @KafkaListener(topics = Topics.COURSE_ADMITTED)
    void on(CourseRequested request) {
        String courseId = request.courseId();
        if (cancelled.contains(courseId)) {
            log.info("Course {} was cancelled by its owner: not outlined", courseId);
            return;
        }
        String part = PublishedParts.key(courseId, OUTLINE_PART, null);
        Optional<CourseOutlined> earlier = published.result(part)
                .map(bytes -> json.readValue(bytes, CourseOutlined.class));
        if (earlier.isPresent()) {
            log.info("Course {} was already outlined (request delivered again): its parts are requested again, "
                    + "without a model call", courseId);
            PartSpread.send(kafka, planner.fanOut(request, earlier.get()).parts()).join();
            return;
        }
        WrittenOutline written = writer.write(request.spec());
        if (cancelled.contains(courseId)) {
            log.info("Course {} was cancelled while it was outlined: no lessons or pictures requested", courseId);
            return;
        }
        FanOut fanOut = planner.plan(request, written, Instant.now());

        // The outline is on the broker before any part is requested, so no part's result can precede it.
        kafka.send(Topics.COURSE_OUTLINED, courseId, fanOut.outlined()).join();
        published.add(part, json.writeValueAsBytes(fanOut.outlined()));
        // each part on a partition of its own, where a regeneration of it will go too
        PartSpread.send(kafka, fanOut.parts()).join();
        log.info("Outlined course {}: {} lessons and {} images requested{} ({} {}, {} completion tokens)", courseId,
                fanOut.parts().lessons().size(), fanOut.parts().images().size(),
                request.spec().reviewsOutline() ? ", the outline waits for its owner's review" : "",
                written.usage().provider(),
                written.usage().model(), written.usage().completionTokens());
    }
}
