package io.coursegen.storage.review;

import static io.coursegen.storage.course.CourseDocuments.APPROVED_AT;
import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.OUTLINED_AT;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.storage.cancellation.CourseCancellations;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cancels outlines nobody approved within {@code coursegen.review.timeout}, counted from when the outline was
 * written (edits do not extend it). Like the deadline sweep it runs on the scheduler thread and blocks on the
 * reactive template; each course is cancelled by one conditional update, so an approval that lands first wins.
 */
@Component
@EnableConfigurationProperties(ReviewProperties.class)
class ReviewExpiry {

    private static final Logger log = LoggerFactory.getLogger(ReviewExpiry.class);
    private static final Duration MONGO_TIMEOUT = Duration.ofSeconds(30);
    /** Oldest first; whatever is left waits for the next sweep. */
    private static final int BATCH = 500;

    private final ReactiveMongoTemplate mongo;
    private final CourseCancellations cancellations;
    private final Duration timeout;

    ReviewExpiry(ReactiveMongoTemplate mongo, CourseCancellations cancellations, ReviewProperties properties) {
        this.mongo = mongo;
        this.cancellations = cancellations;
        this.timeout = properties.timeout();
    }

    @Scheduled(fixedDelayString = "${coursegen.review.expiry-check-interval:1m}")
    void cancelExpiredReviews() {
        Query expired = query(where(STATUS).is(CourseStatus.OUTLINE_READY.name()).and(APPROVED_AT).exists(false)
                        .and(OUTLINED_AT).lt(Date.from(Instant.now().minus(timeout))))
                .with(Sort.by(Sort.Direction.ASC, OUTLINED_AT))
                .limit(BATCH);
        expired.fields().include(ID);
        List<Document> courses = mongo.find(expired, Document.class, COLLECTION).collectList().block(MONGO_TIMEOUT);
        String reason = "review-expired: the outline was not approved within " + timeout;
        for (Document course : Objects.requireNonNullElse(courses, List.<Document>of())) {
            try {
                cancellations.expireReview(course.getString(ID), reason).block(MONGO_TIMEOUT);
            } catch (RuntimeException e) {
                // the course still waits and is found again by the next sweep
                log.warn("Could not cancel course {} whose review expired", course.get(ID), e);
            }
        }
    }
}
