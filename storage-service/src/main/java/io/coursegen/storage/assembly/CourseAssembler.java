package io.coursegen.storage.assembly;

import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.COMPLETED_AT;
import static io.coursegen.storage.course.CourseDocuments.ERROR;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.OUTLINE_REVISION;
import static io.coursegen.storage.course.CourseDocuments.PARTS_DONE;
import static io.coursegen.storage.course.CourseDocuments.PARTS_TOTAL;
import static io.coursegen.storage.course.CourseDocuments.REVISION;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.UPDATED_AT;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.Topics;
import io.coursegen.storage.admission.CourseAdmissions;
import io.coursegen.storage.budget.CourseBudgets;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.metrics.CourseMetering;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Applies one event's update, decides the status and publishes the snapshot.
 *
 * <p>Runs on Kafka consumer threads, which exist to wait for the work before the offset is committed, so it
 * blocks on the reactive template ({@code block(timeout)}) rather than adding a second, blocking MongoDB driver
 * and connection pool next to the reactive one the read API needs.
 */
@Component
class CourseAssembler {

    private static final Logger log = LoggerFactory.getLogger(CourseAssembler.class);
    private static final Duration MONGO_TIMEOUT = Duration.ofSeconds(30);
    /** Each retry means another event for the same course was applied meanwhile; a handful always settles. */
    private static final int DECISION_ATTEMPTS = 10;

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;
    private final KafkaTemplate<String, Object> kafka;
    private final CourseMetering metering;
    private final CourseBudgets budgets;
    private final CourseAdmissions admissions;

    CourseAssembler(ReactiveMongoTemplate mongo, CourseDocuments documents, KafkaTemplate<String, Object> kafka,
            CourseMetering metering, CourseAdmissions admissions, CourseBudgets budgets) {
        this.mongo = mongo;
        this.documents = documents;
        this.kafka = kafka;
        this.metering = metering;
        this.budgets = budgets;
        this.admissions = admissions;
    }

    void apply(String courseId, Update eventUpdate) {
        Document written = mongo.findAndModify(byId(courseId), applied(eventUpdate),
                        FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)
                // two first events for one course may both try to insert it; the loser updates the winner's document
                .retryWhen(Retry.max(1).filter(DuplicateKeyException.class::isInstance))
                .block(MONGO_TIMEOUT);
        decideAndAnnounce(courseId, written);
    }

    /**
     * Like {@link #apply(String, Update)}, except for a course whose owner edited its outline in review: that outline
     * is the course's now, and the model's, delivered again, is not applied over it.
     */
    void applyOutline(String courseId, Update eventUpdate) {
        Document written = mongo.findAndModify(query(where(ID).is(courseId).and(OUTLINE_REVISION).not().gt(1)),
                        applied(eventUpdate), FindAndModifyOptions.options().upsert(true).returnNew(true),
                        Document.class, COLLECTION)
                .retryWhen(Retry.max(1).filter(DuplicateKeyException.class::isInstance))
                // still a collision: the course exists with an edited outline, which the upsert does not match
                .onErrorResume(DuplicateKeyException.class, edited -> Mono.empty())
                .block(MONGO_TIMEOUT);
        if (written == null) {
            log.info("Course {}: its owner edited the outline, which stays; the model's outline delivered again is "
                    + "not applied", courseId);
            return;
        }
        decideAndAnnounce(courseId, written);
    }

    /**
     * Keeps the result as a version if a newer revision was asked for, else shows it; each is one conditional
     * update, so a regeneration asked for meanwhile decides between them. Only a course not stored yet (a result
     * arriving before everything else) is created, and that one cannot have been regenerated.
     */
    void apply(String courseId, RevisionedUpdate event) {
        for (int attempt = 0; attempt < DECISION_ATTEMPTS; attempt++) {
            Document written = modify(query(where(ID).is(courseId).and(event.requestedRevisionPath()).gt(event.revision())),
                    event.keep());
            if (written == null) {
                written = modify(query(where(ID).is(courseId).and(event.requestedRevisionPath()).not().gt(event.revision())),
                        event.show());
            }
            if (written == null && !Boolean.TRUE.equals(mongo.exists(byId(courseId), COLLECTION).block(MONGO_TIMEOUT))) {
                written = mongo.findAndModify(byId(courseId), applied(event.show()),
                                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION)
                        // another first event inserted it meanwhile: try the conditional updates again
                        .onErrorResume(DuplicateKeyException.class, collision -> Mono.empty())
                        .block(MONGO_TIMEOUT);
            }
            if (written != null) {
                decideAndAnnounce(courseId, written);
                return;
            }
        }
        throw new IllegalStateException("Could not store a result for course " + courseId + " after "
                + DECISION_ATTEMPTS + " attempts");
    }

    private Document modify(Query query, Update update) {
        return mongo.findAndModify(query, applied(update), FindAndModifyOptions.options().returnNew(true),
                Document.class, COLLECTION).block(MONGO_TIMEOUT);
    }

    private static Update applied(Update eventUpdate) {
        return eventUpdate
                .setOnInsert(STATUS, CourseStatus.QUEUED.name())
                .inc(REVISION, 1)
                .currentDate(UPDATED_AT);
    }

    private void decideAndAnnounce(String courseId, Document written) {
        StoredCourse course = decide(documents.read(written));
        kafka.send(Topics.COURSE_STATUS, courseId, snapshot(course)).join();
    }

    /**
     * Writes the decision only if no event was applied since the course was read (same revision) and nobody
     * decided on that state yet (same status), so a handler that read an older state can never overwrite the
     * decision of one that read a newer state, and a transition happens once; on a conflict it reads again and
     * decides again.
     */
    private StoredCourse decide(StoredCourse course) {
        StoredCourse current = course;
        for (int attempt = 0; attempt < DECISION_ATTEMPTS; attempt++) {
            StatusDecision decision = StatusDecision.of(CourseParts.of(current));
            if (decision.isStoredIn(current)) {
                return current;
            }
            Update write = new Update()
                    .set(STATUS, decision.status().name())
                    .set(PARTS_DONE, decision.partsDone())
                    .set(PARTS_TOTAL, decision.partsTotal())
                    .set(ERROR, decision.error());
            if (decision.status() == CourseStatus.COMPLETED && current.status() != CourseStatus.COMPLETED) {
                write.currentDate(COMPLETED_AT);
            }
            Document decided = mongo.findAndModify(
                            query(where(ID).is(current.courseId()).and(REVISION).is(current.revision())
                                    .and(STATUS).is(current.status().name())), write,
                            FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                    .block(MONGO_TIMEOUT);
            if (decided != null) {
                if (decision.status() != current.status()) {
                    log.info("Course {} is {} ({}/{} parts){}", current.courseId(), decision.status(),
                            decision.partsDone(), decision.partsTotal(),
                            decision.error() == null ? "" : ": " + decision.error());
                    if (decision.status().isFinal()) {
                        // this conditional write is the one transition into a final status
                        metering.courseFinished(decided);
                        budgets.settle(current.courseId()).block(MONGO_TIMEOUT);
                        admissions.wake();
                    }
                }
                return documents.read(decided);
            }
            current = documents.read(mongo.findById(current.courseId(), Document.class, COLLECTION)
                    .blockOptional(MONGO_TIMEOUT)
                    .orElseThrow(() -> new IllegalStateException("Course " + course.courseId() + " vanished")));
        }
        throw new IllegalStateException("Could not settle the status of course " + course.courseId() + " after "
                + DECISION_ATTEMPTS + " attempts");
    }

    /**
     * {@code at} is when the latest event in this snapshot was applied (database clock), so newer snapshots win; a
     * completed course's snapshot carries its summary and links.
     */
    private static CourseStatusChanged snapshot(StoredCourse course) {
        return new CourseStatusChanged(course.courseId(), course.tenantId(), course.status(), course.partsDone(),
                course.partsTotal(), course.error(), course.updatedAt() == null ? Instant.now() : course.updatedAt(),
                CourseSummaries.of(course));
    }

    private static Query byId(String courseId) {
        return query(where(ID).is(courseId));
    }
}
