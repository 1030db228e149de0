package io.coursegen.storage.metrics;

import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code coursegen_courses_in_flight}: courses not final, counted in MongoDB by the scheduler thread and cached, so
 * a scrape (on a Netty thread) only reads a number. Every storage instance reports the same database-wide count:
 * aggregate it with {@code max}, not {@code sum}.
 */
@Component
class InFlightCourses {

    private static final Duration MONGO_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> RUNNING = Arrays.stream(CourseStatus.values())
            .filter(status -> !status.isFinal()).map(CourseStatus::name).toList();

    private final ReactiveMongoTemplate mongo;
    private final AtomicLong inFlight = new AtomicLong();

    InFlightCourses(ReactiveMongoTemplate mongo, MeterRegistry registry) {
        this.mongo = mongo;
        Gauge.builder("coursegen.courses.in.flight", inFlight, AtomicLong::get)
                .description("Courses not yet completed, failed or cancelled")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${coursegen.metrics.in-flight-refresh:15s}")
    void refresh() {
        inFlight.set(Objects.requireNonNullElse(
                mongo.count(query(where(STATUS).in(RUNNING)), COLLECTION).block(MONGO_TIMEOUT), 0L));
    }
}
