package io.coursegen.storage.cancellation;

import static io.coursegen.storage.course.CourseDocuments.APPROVED_AT;
import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.ERROR;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.REVISION;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static io.coursegen.storage.course.CourseDocuments.UPDATED_AT;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseCancelled;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.Topics;
import io.coursegen.storage.cancellation.CancelOutcome.Result;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.admission.CourseAdmissions;
import io.coursegen.storage.budget.CourseBudgets;
import io.coursegen.storage.metrics.CourseMetering;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** See the package documentation. Nothing here blocks a Netty thread. */
@Component
public class CourseCancellations {

    private static final Logger log = LoggerFactory.getLogger(CourseCancellations.class);
    private static final String CANCELLED_AT = "cancelledAt";
    private static final List<String> FINAL = Arrays.stream(CourseStatus.values())
            .filter(CourseStatus::isFinal).map(CourseStatus::name).toList();

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;
    private final KafkaTemplate<String, Object> kafka;
    private final CourseMetering metering;
    private final CourseBudgets budgets;
    private final CourseAdmissions admissions;

    CourseCancellations(ReactiveMongoTemplate mongo, CourseDocuments documents, KafkaTemplate<String, Object> kafka,
            CourseMetering metering, CourseAdmissions admissions, CourseBudgets budgets) {
        this.mongo = mongo;
        this.documents = documents;
        this.kafka = kafka;
        this.metering = metering;
        this.budgets = budgets;
        this.admissions = admissions;
    }

    /** Cancels the tenant's running course, else deletes its final one. */
    public Mono<CancelOutcome> cancelOrDelete(String tenantId, String courseId) {
        return cancelRunning(tenantId, courseId)
                .flatMap(course -> announce(course, null).thenReturn(new CancelOutcome(courseId, Result.CANCELLED)))
                .switchIfEmpty(Mono.defer(() -> deleteFinal(tenantId, courseId)))
                .defaultIfEmpty(new CancelOutcome(courseId, Result.NOT_FOUND));
    }

    /**
     * One conditional update: only a course that is not final moves to CANCELLED, and the revision moves on, so
     * a status decision the assembler made on the state before is not written (it reads again and keeps
     * CANCELLED).
     */
    private Mono<StoredCourse> cancelRunning(String tenantId, String courseId) {
        Update cancel = new Update()
                .set(STATUS, CourseStatus.CANCELLED.name())
                .currentDate(CANCELLED_AT)
                .currentDate(UPDATED_AT)
                .inc(REVISION, 1);
        return mongo.findAndModify(query(where(ID).is(courseId).and(TENANT_ID).is(tenantId).and(STATUS).nin(FINAL)),
                        cancel, FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                // the one transition into CANCELLED; metering it does no I/O
                .doOnNext(metering::courseFinished)
                // it leaves the queue if it waited; its place, if it had one, goes to a waiting course
                .flatMap(cancelled -> admissions.cancelled(courseId).thenReturn(cancelled))
                // what its finished parts cost is charged; the rest of its reservation is given back
                .flatMap(cancelled -> budgets.settle(courseId).thenReturn(cancelled))
                .map(documents::read);
    }

    /**
     * Cancels a course whose outline waited for its owner's approval for too long, if it still waits, with
     * {@code reason} as its error; true if this call cancelled it.
     */
    public Mono<Boolean> expireReview(String courseId, String reason) {
        Update cancel = new Update()
                .set(STATUS, CourseStatus.CANCELLED.name())
                .set(ERROR, reason)
                .currentDate(CANCELLED_AT)
                .currentDate(UPDATED_AT)
                .inc(REVISION, 1);
        return mongo.findAndModify(query(where(ID).is(courseId).and(STATUS).is(CourseStatus.OUTLINE_READY.name())
                                .and(APPROVED_AT).exists(false)),
                        cancel, FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .doOnNext(metering::courseFinished)
                .flatMap(cancelled -> admissions.cancelled(courseId).thenReturn(cancelled))
                .flatMap(cancelled -> budgets.settle(courseId).thenReturn(cancelled))
                .map(documents::read)
                .flatMap(course -> announce(course, reason).thenReturn(true))
                .defaultIfEmpty(false);
    }

    private Mono<CancelOutcome> deleteFinal(String tenantId, String courseId) {
        return mongo.remove(query(where(ID).is(courseId).and(TENANT_ID).is(tenantId).and(STATUS).in(FINAL)), COLLECTION)
                .filter(deleted -> deleted.getDeletedCount() > 0)
                .doOnNext(deleted -> log.info("Course {} of tenant {} deleted by its owner", courseId, tenantId))
                .map(deleted -> new CancelOutcome(courseId, Result.DELETED));
    }

    /**
     * The status snapshot for progress streams and {@code course.cancelled} for the generating services, both
     * acknowledged before the client hears 202.
     */
    private Mono<Void> announce(StoredCourse course, String reason) {
        Instant at = course.updatedAt() == null ? Instant.now() : course.updatedAt();
        CourseStatusChanged snapshot = new CourseStatusChanged(course.courseId(), course.tenantId(),
                CourseStatus.CANCELLED, course.partsDone(), course.partsTotal(), reason, at);
        CourseCancelled cancelled = new CourseCancelled(course.courseId(), course.tenantId(), at);
        // both sends start here, off the Netty thread (send() may block while it fetches metadata); chaining the
        // second onto the first's completion would call send() on the producer's own I/O thread, which then
        // waits for metadata only it could fetch
        return Mono.fromFuture(() -> CompletableFuture.allOf(
                        kafka.send(Topics.COURSE_STATUS, course.courseId(), snapshot),
                        kafka.send(Topics.COURSE_CANCELLED, course.courseId(), cancelled)))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnSuccess(sent -> log.info("Course {} of tenant {} cancelled {} ({}/{} parts done)",
                        course.courseId(), course.tenantId(), reason == null ? "by its owner" : "(" + reason + ")",
                        course.partsDone(), course.partsTotal()))
                .then();
    }
}
