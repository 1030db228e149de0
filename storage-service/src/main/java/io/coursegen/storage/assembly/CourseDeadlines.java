package io.coursegen.storage.assembly;

import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.ADMITTED_AT;
import static io.coursegen.storage.course.CourseDocuments.CREATED_AT;
import static io.coursegen.storage.course.CourseDocuments.ERROR;
import static io.coursegen.storage.course.CourseDocuments.FAILED_AT;
import static io.coursegen.storage.course.CourseDocuments.FAILURES;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.PARTS_DONE;
import static io.coursegen.storage.course.CourseDocuments.PARTS_TOTAL;
import static io.coursegen.storage.course.CourseDocuments.PART_ID;
import static io.coursegen.storage.course.CourseDocuments.REASON;
import static io.coursegen.storage.course.CourseDocuments.REGENERATIONS;
import static io.coursegen.storage.course.CourseDocuments.REQUESTED_AT;
import static io.coursegen.storage.course.CourseDocuments.WAITING_SINCE;
import static io.coursegen.storage.course.CourseDocuments.REVISION;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.UPDATED_AT;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.Topics;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.FieldKeys;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.admission.CourseAdmissions;
import io.coursegen.storage.budget.CourseBudgets;
import io.coursegen.storage.metrics.CourseMetering;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fails courses that are not final after {@code coursegen.storage.deadline}, naming the parts they lack.
 *
 * <p>Runs on the scheduler thread, which does nothing else, so like the listeners it blocks on the reactive
 * template. Each course is failed by one conditional update that matches only the status and revision it was
 * read with: a course that completed, was cancelled or received a part meanwhile is left alone and looked at
 * again by the next sweep. The time counts from {@code admittedAt} (a course waiting for admission is not overdue),
 * from {@code createdAt} for a course whose request storage never saw, or, for a completed course
 * being regenerated, from the latest regeneration's {@code requestedAt}, so an old course may be regenerated.
 */
@Component
class CourseDeadlines {

    private static final Logger log = LoggerFactory.getLogger(CourseDeadlines.class);
    private static final Duration MONGO_TIMEOUT = Duration.ofSeconds(30);
    /** Oldest first; whatever is left waits for the next sweep, so one sweep never holds thousands of documents. */
    private static final int BATCH = 500;
    /** Not final, and not waiting for its owner's review (which has a time limit of its own, {@code storage.review}). */
    private static final List<String> RUNNING = Arrays.stream(CourseStatus.values())
            .filter(status -> !status.isFinal() && status != CourseStatus.OUTLINE_READY)
            .map(CourseStatus::name).toList();

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;
    private final KafkaTemplate<String, Object> kafka;
    private final Duration deadline;
    private final CourseMetering metering;
    private final CourseBudgets budgets;
    private final CourseAdmissions admissions;

    CourseDeadlines(ReactiveMongoTemplate mongo, CourseDocuments documents, KafkaTemplate<String, Object> kafka,
            DeadlineProperties properties, CourseMetering metering, CourseAdmissions admissions, CourseBudgets budgets) {
        this.mongo = mongo;
        this.documents = documents;
        this.kafka = kafka;
        this.deadline = properties.deadline();
        this.metering = metering;
        this.budgets = budgets;
        this.admissions = admissions;
    }

    @Scheduled(fixedDelayString = "${coursegen.storage.deadline-check-interval:30s}")
    void failOverdueCourses() {
        Instant now = Instant.now();
        // a course waiting for admission has no clock running yet (createdAt <= admittedAt, so this finds all others)
        Query overdue = query(where(STATUS).in(RUNNING).and(CREATED_AT).lt(Date.from(now.minus(deadline)))
                        .orOperator(where(ADMITTED_AT).exists(true), where(WAITING_SINCE).exists(false)))
                .with(Sort.by(Sort.Direction.ASC, CREATED_AT))
                .limit(BATCH);
        List<Document> courses = mongo.find(overdue, Document.class, COLLECTION).collectList().block(MONGO_TIMEOUT);
        for (Document course : Objects.requireNonNullElse(courses, List.<Document>of())) {
            try {
                failIfOverdue(course, now);
            } catch (RuntimeException e) {
                // the course stays as it is and is found again by the next sweep (unless its snapshot was the failure)
                log.warn("Could not fail overdue course {}", course.get(ID), e);
            }
        }
    }

    private void failIfOverdue(Document document, Instant now) {
        StoredCourse course = documents.read(document);
        if (startedAt(document, course).plus(deadline).isAfter(now)) {
            return;
        }
        CourseParts parts = CourseParts.of(course);
        DeadlineFailure failure = DeadlineFailure.of(parts, deadline);
        StatusDecision counts = StatusDecision.of(parts);
        Update fail = new Update()
                .set(STATUS, CourseStatus.FAILED.name())
                .set(PARTS_DONE, counts.partsDone())
                .set(PARTS_TOTAL, counts.partsTotal())
                .set(ERROR, failure.error())
                .inc(REVISION, 1)
                .currentDate(UPDATED_AT);
        Date failedAt = Date.from(now);
        for (String partId : failure.missingParts()) {
            fail.set(FieldKeys.path(FAILURES, partId), new Document(PART_ID, partId)
                    .append(REASON, DeadlineFailure.REASON)
                    .append(FAILED_AT, failedAt));
        }
        Document failed = mongo.findAndModify(
                        query(where(ID).is(course.courseId()).and(STATUS).is(course.status().name())
                                .and(REVISION).is(course.revision())),
                        fail, FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .block(MONGO_TIMEOUT);
        if (failed == null) {
            return;
        }
        metering.courseFinished(failed);
        budgets.settle(course.courseId()).block(MONGO_TIMEOUT);
        admissions.wake();
        StoredCourse stored = documents.read(failed);
        log.info("Course {} is FAILED ({}/{} parts): {}", stored.courseId(), stored.partsDone(), stored.partsTotal(),
                stored.error());
        kafka.send(Topics.COURSE_STATUS, stored.courseId(), new CourseStatusChanged(stored.courseId(),
                stored.tenantId(), stored.status(), stored.partsDone(), stored.partsTotal(), stored.error(),
                stored.updatedAt() == null ? now : stored.updatedAt())).join();
    }

    /**
     * The latest regeneration's request if the course was ever regenerated (only completed ones are), else its
     * admission, else (a course storage never saw requested) its creation.
     */
    private static Instant startedAt(Document document, StoredCourse course) {
        Instant started = document.getDate(ADMITTED_AT) != null ? document.getDate(ADMITTED_AT).toInstant()
                : course.createdAt() == null ? Instant.EPOCH : course.createdAt();
        Document regenerations = document.get(REGENERATIONS, Document.class);
        if (regenerations != null) {
            for (Object entry : regenerations.values()) {
                if (entry instanceof Document regeneration && regeneration.getDate(REQUESTED_AT) != null) {
                    Instant requested = regeneration.getDate(REQUESTED_AT).toInstant();
                    started = requested.isAfter(started) ? requested : started;
                }
            }
        }
        return started;
    }
}
