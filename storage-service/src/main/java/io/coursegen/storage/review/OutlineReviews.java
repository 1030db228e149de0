package io.coursegen.storage.review;

import static io.coursegen.storage.course.CourseDocuments.ADMITTED_AT;
import static io.coursegen.storage.course.CourseDocuments.APPROVED_AT;
import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.ESTIMATE;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.LESSONS;
import static io.coursegen.storage.course.CourseDocuments.LESSON_ID;
import static io.coursegen.storage.course.CourseDocuments.LESSON_PLAN;
import static io.coursegen.storage.course.CourseDocuments.OUTLINE;
import static io.coursegen.storage.course.CourseDocuments.OUTLINE_REVISION;
import static io.coursegen.storage.course.CourseDocuments.PARTS_TOTAL;
import static io.coursegen.storage.course.CourseDocuments.REVISION;
import static io.coursegen.storage.course.CourseDocuments.SPEC;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static io.coursegen.storage.course.CourseDocuments.UPDATED_AT;
import static io.coursegen.storage.course.CourseDocuments.WAITING_SINCE;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.OutlineDraft;
import io.coursegen.contracts.OutlineRules;
import io.coursegen.contracts.Topics;
import io.coursegen.storage.admission.CourseAdmissions;
import io.coursegen.storage.budget.CostEstimates;
import io.coursegen.storage.budget.CourseBudgets;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.Estimate;
import io.coursegen.storage.course.FieldKeys;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.course.StoredCourse.StoredOutline;
import io.coursegen.storage.review.ReviewOutcome.Result;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reading, editing and approving a course's outline in review (see the package documentation). Every change is one
 * conditional update that matches only an OUTLINE_READY course at the revision the owner named, so two authors
 * cannot both save over the same revision, and nothing is changed after an approval or a cancel. Nothing here
 * blocks a Netty thread.
 */
@Component
public class OutlineReviews {

    private static final Logger log = LoggerFactory.getLogger(OutlineReviews.class);

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;
    private final CostEstimates estimates;
    private final CourseBudgets budgets;
    private final CourseAdmissions admissions;
    private final KafkaTemplate<String, Object> kafka;

    OutlineReviews(ReactiveMongoTemplate mongo, CourseDocuments documents, CostEstimates estimates,
            CourseBudgets budgets, CourseAdmissions admissions, KafkaTemplate<String, Object> kafka) {
        this.mongo = mongo;
        this.documents = documents;
        this.estimates = estimates;
        this.budgets = budgets;
        this.admissions = admissions;
        this.kafka = kafka;
    }

    /** The outline of any of the tenant's outlined courses, reviewed or not, with what generating it costs. */
    public Mono<ReviewOutcome> read(String tenantId, String courseId) {
        return find(tenantId, courseId)
                .flatMap(raw -> {
                    StoredCourse course = documents.read(raw);
                    if (course.outline() == null) {
                        return Mono.just(ReviewOutcome.of(Result.NOT_OUTLINED_YET, course.status()));
                    }
                    return view(course).map(ReviewOutcome::done);
                })
                .defaultIfEmpty(ReviewOutcome.of(Result.COURSE_NOT_FOUND, null));
    }

    /**
     * Replaces the outline of a course in review with its owner's edit, as a new revision: lessons numbered again in
     * the edited order (nothing was generated for the old numbering), the request's lesson count following the edit.
     *
     * @param expectedRevision the revision the edit was made on ({@code If-Match}); null when the owner named none
     */
    public Mono<ReviewOutcome> edit(String tenantId, String courseId, Integer expectedRevision, OutlineDraft edited) {
        if (expectedRevision == null) {
            return Mono.just(ReviewOutcome.of(Result.REVISION_REQUIRED, null));
        }
        return find(tenantId, courseId)
                .flatMap(raw -> {
                    StoredCourse course = documents.read(raw);
                    ReviewOutcome refused = refusal(course, expectedRevision);
                    if (refused != null) {
                        return Mono.just(refused);
                    }
                    List<String> problems = OutlineRules.problemsOfEdit(course.spec(), edited);
                    if (!problems.isEmpty()) {
                        return Mono.just(ReviewOutcome.invalid(problems));
                    }
                    Outline numbered = edited.numbered();
                    return mongo.findAndModify(inReview(tenantId, courseId, expectedRevision),
                                    replaced(course, numbered, expectedRevision + 1),
                                    FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                            .map(documents::read)
                            .doOnNext(saved -> log.info("Course {}: its owner saved outline revision {} ({} lessons)",
                                    courseId, saved.review().outlineRevision(), numbered.lessons().size()))
                            .flatMap(saved -> view(saved).map(ReviewOutcome::done))
                            // changed since it was read (another edit, an approval, a cancel): say how it is now
                            .switchIfEmpty(Mono.defer(() -> find(tenantId, courseId)
                                    .map(now -> stateOf(documents.read(now), expectedRevision))));
                })
                .defaultIfEmpty(ReviewOutcome.of(Result.COURSE_NOT_FOUND, null));
    }

    /**
     * Approves the outline as it is now: the course is QUEUED for admission again, which requests exactly this
     * outline's lessons and pictures. An outline longer than requested reserves the difference from the month's
     * budget first. Approving an approved outline again answers as the first approval did, as long as the course runs.
     *
     * @param expectedRevision the revision the owner approves ({@code If-Match}); null approves the current one
     */
    public Mono<ReviewOutcome> approve(String tenantId, String courseId, Integer expectedRevision) {
        return find(tenantId, courseId)
                .flatMap(raw -> {
                    StoredCourse course = documents.read(raw);
                    if (isApprovedAt(course, expectedRevision)) {
                        // the same approval again (a client's retry, a redelivered record): answered, nothing changes
                        return view(course).map(ReviewOutcome::done);
                    }
                    ReviewOutcome refused = refusal(course, expectedRevision);
                    if (refused != null) {
                        return Mono.just(refused);
                    }
                    int revision = course.review().outlineRevision();
                    int lessons = course.plannedOutline().lessons().size();
                    double reservedUsd = course.estimate() == null ? 0 : course.estimate().costUsd();
                    return budgets.reserveApproval(tenantId, raw, reservedUsd, lessons)
                            .map(ReviewOutcome::overBudget)
                            .switchIfEmpty(Mono.defer(() -> estimates.of(course.spec().withLessonCount(lessons),
                                            Instant.now())
                                    .flatMap(estimate -> approved(tenantId, course, revision, estimate))));
                })
                .defaultIfEmpty(ReviewOutcome.of(Result.COURSE_NOT_FOUND, null));
    }

    /**
     * Marks the course approved and QUEUED, joins the waiting room and announces the status. A crash between the
     * update and joining the room is repaired by admission's reconciliation at start (a waiting course without an
     * entry gets one).
     */
    private Mono<ReviewOutcome> approved(String tenantId, StoredCourse course, int revision, Estimate estimate) {
        Date now = new Date();
        Update approve = new Update()
                .set(APPROVED_AT, now)
                .set(STATUS, CourseStatus.QUEUED.name())
                .unset(ADMITTED_AT)
                .set(WAITING_SINCE, now)
                .set(ESTIMATE, new Document("costUsd", estimate.costUsd())
                        .append("completesAt", estimate.completesAt() == null ? null : Date.from(estimate.completesAt())))
                .inc(REVISION, 1)
                .currentDate(UPDATED_AT);
        return mongo.findAndModify(inReview(tenantId, course.courseId(), revision), approve,
                        FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .map(documents::read)
                .flatMap(queued -> admissions.enter(queued.courseId(), tenantId, now.toInstant())
                        .then(announce(queued))
                        .doOnSuccess(done -> {
                            admissions.wakeForNewCourse();
                            log.info("Course {}: its owner approved outline revision {}; it waits for admission",
                                    queued.courseId(), revision);
                        })
                        .then(view(queued).map(ReviewOutcome::done)))
                .switchIfEmpty(Mono.defer(() -> find(tenantId, course.courseId()).map(documents::read)
                        .flatMap(current -> isApprovedAt(current, revision) ? view(current).map(ReviewOutcome::done)
                                : Mono.just(stateOf(current, revision)))));
    }

    private Mono<Void> announce(StoredCourse course) {
        CourseStatusChanged snapshot = new CourseStatusChanged(course.courseId(), course.tenantId(), course.status(),
                course.partsDone(), course.partsTotal(), null,
                course.updatedAt() == null ? Instant.now() : course.updatedAt());
        // send() may block while it fetches metadata, so it starts off the Netty thread
        return Mono.fromFuture(() -> kafka.send(Topics.COURSE_STATUS, course.courseId(), snapshot))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    /** Why the course cannot be changed in review now, or null when it can. */
    private static ReviewOutcome refusal(StoredCourse course, Integer expectedRevision) {
        if (course.review() != null && course.outline() == null && !course.status().isFinal()) {
            return ReviewOutcome.of(Result.NOT_OUTLINED_YET, course.status());
        }
        if (course.review() == null || course.status() != CourseStatus.OUTLINE_READY
                || !course.review().awaitsApproval()) {
            return ReviewOutcome.of(Result.NOT_IN_REVIEW, course.status());
        }
        if (expectedRevision != null && expectedRevision != course.review().outlineRevision()) {
            return ReviewOutcome.stale(course.review().outlineRevision());
        }
        return null;
    }

    /** Whether this outline revision (the current one, for none) was approved already and the course still runs. */
    private static boolean isApprovedAt(StoredCourse course, Integer expectedRevision) {
        return course.review() != null && !course.review().awaitsApproval() && !course.status().isFinal()
                && (expectedRevision == null || expectedRevision == course.review().outlineRevision());
    }

    /** After a conditional update matched nothing: why, as the course is now. */
    private static ReviewOutcome stateOf(StoredCourse course, int expectedRevision) {
        ReviewOutcome refused = refusal(course, expectedRevision);
        // the course changed and changed back between two reads: the owner may simply try again
        return refused != null ? refused : ReviewOutcome.stale(course.review().outlineRevision());
    }

    /** The outline replaced as a whole: the lessons map holds only the edited outline's plans. */
    private Update replaced(StoredCourse course, Outline numbered, int newRevision) {
        Document lessons = new Document();
        for (Outline.OutlineLesson lesson : numbered.lessons()) {
            lessons.append(FieldKeys.encode(lesson.lessonId()), new Document(LESSON_ID, lesson.lessonId())
                    .append(LESSON_PLAN, documents.toDocument(lesson)));
        }
        return new Update()
                .set(OUTLINE, documents.toDocument(StoredOutline.of(numbered)))
                .set(LESSONS, lessons)
                .set(SPEC, documents.toDocument(course.spec().withLessonCount(numbered.lessons().size())))
                .set(PARTS_TOTAL, 2 + 2 * numbered.lessons().size())
                .set(OUTLINE_REVISION, newRevision)
                .inc(REVISION, 1)
                .currentDate(UPDATED_AT);
    }

    /** An OUTLINE_READY course not approved yet, at this outline revision (1 until the first edit stores one). */
    private static Query inReview(String tenantId, String courseId,
            int revision) {
        Criteria atRevision = revision == 1
                ? new Criteria().orOperator(where(OUTLINE_REVISION).exists(false), where(OUTLINE_REVISION).is(1))
                : where(OUTLINE_REVISION).is(revision);
        return query(where(ID).is(courseId).and(TENANT_ID).is(tenantId)
                .and(STATUS).is(CourseStatus.OUTLINE_READY.name())
                .and(APPROVED_AT).exists(false)
                .andOperator(atRevision));
    }

    private Mono<ReviewedOutline> view(StoredCourse course) {
        Outline outline = course.plannedOutline();
        int revision = course.review() == null ? 1 : course.review().outlineRevision();
        return estimates.of(course.spec().withLessonCount(outline.lessons().size()), Instant.now())
                .map(estimate -> new ReviewedOutline(course.courseId(), course.status(), revision,
                        OutlineDraft.of(outline), estimate));
    }

    private Mono<Document> find(String tenantId, String courseId) {
        return mongo.findById(courseId, Document.class, COLLECTION)
                .filter(raw -> tenantId.equals(raw.getString(TENANT_ID)));
    }
}
