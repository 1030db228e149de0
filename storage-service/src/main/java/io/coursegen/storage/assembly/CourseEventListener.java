package io.coursegen.storage.assembly;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.CoursePartFailed;
import io.coursegen.contracts.ImageGenerated;
import io.coursegen.contracts.LessonGenerated;
import io.coursegen.contracts.Topics;
import io.coursegen.storage.metrics.CourseMetering;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * The four events that build a course once it exists ({@code storage.intake} creates it), all in the
 * {@code storage-service} group. A listener throws on failure
 * and the shared error handler retries and dead-letters; an event without a course id is a broken contract.
 * After an event is applied it is metered, once per course and part however often it is delivered.
 */
@Component
class CourseEventListener {

    private final CourseAssembler assembler;
    private final CourseUpdates updates;
    private final CourseMetering metering;

    CourseEventListener(CourseAssembler assembler, CourseUpdates updates, CourseMetering metering) {
        this.assembler = assembler;
        this.updates = updates;
        this.metering = metering;
    }

    @KafkaListener(topics = Topics.COURSE_OUTLINED)
    void on(CourseOutlined event, @Header(name = KafkaHeaders.RECEIVED_KEY, required = false) String key) {
        String courseId = courseId(event.courseId(), key);
        assembler.applyOutline(courseId, updates.outlined(event));
        metering.outlined(courseId, event);
    }

    @KafkaListener(topics = Topics.LESSON_GENERATED)
    void on(LessonGenerated event, @Header(name = KafkaHeaders.RECEIVED_KEY, required = false) String key) {
        String courseId = courseId(event.courseId(), key);
        assembler.apply(courseId, updates.lessonGenerated(event));
        metering.lessonGenerated(courseId, event);
    }

    @KafkaListener(topics = Topics.IMAGE_GENERATED)
    void on(ImageGenerated event, @Header(name = KafkaHeaders.RECEIVED_KEY, required = false) String key) {
        String courseId = courseId(event.courseId(), key);
        assembler.apply(courseId, updates.imageGenerated(event));
        metering.imageGenerated(courseId, event);
    }

    @KafkaListener(topics = Topics.COURSE_PART_FAILED)
    void on(CoursePartFailed event, @Header(name = KafkaHeaders.RECEIVED_KEY, required = false) String key) {
        assembler.apply(courseId(event.courseId(), key), updates.partFailed(event));
    }

    /** The value's id is authoritative; the key (always the course id by contract) covers a value without one. */
    private static String courseId(String fromValue, String key) {
        String courseId = fromValue != null ? fromValue : key;
        if (courseId == null || courseId.isBlank()) {
            throw new IllegalArgumentException("Event without a course id");
        }
        return courseId;
    }
}
