package io.coursegen.gateway.progress;

import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code course.status} in a consumer group of its own, so every gateway instance sees every update
 * for the streams its clients hold open. It starts at the latest offset: a new stream begins with the
 * stored snapshot, so history is never needed.
 */
@Component
class CourseStatusListener {

    static final String ID = "gateway-course-status";

    private final CourseStatusUpdates updates;

    CourseStatusListener(CourseStatusUpdates updates) {
        this.updates = updates;
    }

    @KafkaListener(id = ID, topics = Topics.COURSE_STATUS,
            groupId = "gateway-progress-#{T(java.util.UUID).randomUUID()}",
            containerFactory = ProgressConfiguration.CONTAINER_FACTORY,
            properties = "auto.offset.reset=latest")
    void on(CourseStatusChanged update) {
        updates.publish(update);
    }
}
