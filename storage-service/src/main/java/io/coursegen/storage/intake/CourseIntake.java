package io.coursegen.storage.intake;

import static io.coursegen.storage.course.CourseDocuments.BUDGET;
import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.CREATED_AT;
import static io.coursegen.storage.course.CourseDocuments.ESTIMATE;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.PARTS_DONE;
import static io.coursegen.storage.course.CourseDocuments.PARTS_TOTAL;
import static io.coursegen.storage.course.CourseDocuments.REQUESTED_AT;
import static io.coursegen.storage.course.CourseDocuments.REVISION;
import static io.coursegen.storage.course.CourseDocuments.SPEC;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static io.coursegen.storage.course.CourseDocuments.UPDATED_AT;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.Topics;
import io.coursegen.storage.admission.CourseAdmissions;
import io.coursegen.storage.budget.CourseBudgets;
import io.coursegen.storage.budget.Reservation;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.idempotency.IdempotencyKeys;
import io.coursegen.storage.idempotency.KeyClaim;
import io.coursegen.storage.intake.Acceptance.Outcome;
import io.coursegen.storage.metrics.CourseMetering;
import io.coursegen.storage.quota.TenantQuotas;
import io.coursegen.storage.quota.TenantLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The one place a course comes to exist: a submission becomes one insert of the whole QUEUED course (just after
 * its entry in admission's queue), and the gateway answers 202 only after it. From then on every read through any gateway instance finds
 * the course, and admission ({@code storage.admission}) announces it to the pipeline on {@code course.admitted}:
 * the stored course is the outbox. Under an idempotency key the key is claimed first (see {@link IdempotencyKeys}).
 * A new submission is stored only within the tenant's limits ({@link TenantQuotas}) and budget, against which
 * its estimated cost is reserved ({@link CourseBudgets}).
 *
 * <p>The QUEUED snapshot on {@code course.status} is sent without waiting for Kafka: it adds nothing a reader
 * cannot already see, and every later change sends a full snapshot again.
 */
@Component
class CourseIntake {

    private static final Logger log = LoggerFactory.getLogger(CourseIntake.class);

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;
    private final IdempotencyKeys keys;
    private final CourseAdmissions admissions;
    private final CourseMetering metering;
    private final TenantLimits tenantLimits;
    private final TenantQuotas quota;
    private final CourseBudgets budgets;
    private final KafkaTemplate<String, Object> kafka;
    private final Clock clock = Clock.systemUTC();

    CourseIntake(ReactiveMongoTemplate mongo, CourseDocuments documents, IdempotencyKeys keys,
            CourseAdmissions admissions, CourseMetering metering, TenantLimits tenantLimits, TenantQuotas quota, CourseBudgets budgets,
            KafkaTemplate<String, Object> kafka) {
        this.mongo = mongo;
        this.documents = documents;
        this.keys = keys;
        this.admissions = admissions;
        this.metering = metering;
        this.tenantLimits = tenantLimits;
        this.quota = quota;
        this.budgets = budgets;
        this.kafka = kafka;
    }

    Mono<Acceptance> accept(IntakeRequest request, String traceParent) {
        CourseRequested course = request.course();
        if (request.idempotencyKey() == null) {
            return withinLimits(course, traceParent, () -> Mono.empty());
        }
        String key = request.idempotencyKey();
        // the key first: a repeat of a submission already taken is answered whatever the limits say now
        return keys.claim(course.tenantId(), key, request.requestHash(), course)
                .flatMap(claim -> switch (claim.outcome()) {
                    // refused: the key is free again, so a later retry is a new submission, checked again
                    case NEW -> withinLimits(course, traceParent, () -> keys.courseStored(course.tenantId(), key))
                            .flatMap(acceptance -> acceptance.outcome() == Outcome.REFUSED
                                    ? keys.release(course.tenantId(), key).thenReturn(acceptance) : Mono.just(acceptance));
                    case SAME_REQUEST -> replay(claim, key, traceParent);
                    case OTHER_REQUEST -> Mono.just(new Acceptance(Outcome.MISMATCH, claim.course(), null));
                });
    }

    /**
     * Stores the course if the tenant's rate, queue and budget allow it: the rate and queue first (they cost
     * nothing to ask), then the estimate is reserved against the budget; then {@code afterStore}.
     */
    private Mono<Acceptance> withinLimits(CourseRequested course, String traceParent, Supplier<Mono<Void>> afterStore) {
        String tenantId = course.tenantId();
        return tenantLimits.of(tenantId).flatMap(limits -> quota.check(tenantId, limits)
                .map(refusal -> Acceptance.refused(course, refusal))
                .switchIfEmpty(Mono.defer(() -> budgets.reserve(tenantId, course.spec(), limits)
                        .flatMap(reservation -> reservation.refused()
                                ? Mono.just(Acceptance.refused(course, reservation.refusal()))
                                : store(course, traceParent, reservation).then(Mono.defer(afterStore))
                                        .thenReturn(new Acceptance(Outcome.CREATED, course, CourseStatus.QUEUED, null,
                                                reservation.estimate()))))));
    }

    /**
     * The key's first course. If the first submission stopped between claiming the key and storing its course, the
     * course is stored now (the same id, so a first submission still under way and this one store it once).
     */
    private Mono<Acceptance> replay(KeyClaim claim, String key, String traceParent) {
        CourseRequested first = claim.course();
        Mono<Void> stored = claim.courseStored() ? Mono.empty()
                : store(first, traceParent, null).then(keys.courseStored(first.tenantId(), key));
        return stored.then(mongo.findOne(byId(first.courseId()), Document.class, COLLECTION))
                .map(existing -> new Acceptance(Outcome.REPLAYED, first, CourseStatus.valueOf(existing.getString(STATUS)),
                        null, documents.read(existing).estimate()))
                .defaultIfEmpty(new Acceptance(Outcome.REPLAYED, first, null))
                .doOnNext(replayed -> log.info("Idempotent replay of course {} for tenant {}", first.courseId(),
                        first.tenantId()));
    }

    /**
     * Inserts the course; one already stored under this id (a replay racing its first submission) is kept as is. A
     * reservation whose course is not inserted is given back.
     *
     * @param reservation null when a replay stores the course its first submission did not get to store
     */
    private Mono<Void> store(CourseRequested course, String traceParent, Reservation reservation) {
        Instant now = clock.instant();
        int partsTotal = 2 + 2 * course.spec().lessonCount();
        Document queued = new Document(ID, course.courseId())
                .append(TENANT_ID, course.tenantId())
                .append(SPEC, documents.toDocument(course.spec()))
                .append(STATUS, CourseStatus.QUEUED.name())
                .append(PARTS_DONE, 0)
                .append(PARTS_TOTAL, partsTotal)
                .append(REVISION, 1L)
                .append(REQUESTED_AT, Date.from(course.requestedAt()))
                .append(CREATED_AT, Date.from(course.requestedAt()))
                .append(UPDATED_AT, Date.from(now));
        if (reservation != null) {
            queued.append(ESTIMATE, new Document("costUsd", reservation.estimate().costUsd())
                            .append("completesAt", reservation.estimate().completesAt() == null ? null
                                    : Date.from(reservation.estimate().completesAt())))
                    .append(BUDGET, reservation.account());
        }
        Mono<Void> giveBack = reservation == null ? Mono.empty() : budgets.release(course.tenantId(), reservation);
        return admissions.enter(course.courseId(), course.tenantId(), now)
                .then(mongo.insert(admissions.waiting(queued, now, traceParent), COLLECTION))
                .doOnNext(inserted -> {
                    metering.accepted();
                    CourseStatusChanged snapshot = new CourseStatusChanged(course.courseId(), course.tenantId(),
                            CourseStatus.QUEUED, 0, partsTotal, null, now);
                    // send() may block while the producer fetches metadata: never on this Netty thread
                    Schedulers.boundedElastic().schedule(() -> announce(snapshot));
                    admissions.wakeForNewCourse();
                })
                .then()
                .onErrorResume(DuplicateKeyException.class, alreadyStored -> giveBack)
                .onErrorResume(error -> !(error instanceof DuplicateKeyException), error -> giveBack.then(Mono.error(error)));
    }

    private void announce(CourseStatusChanged queued) {
        kafka.send(Topics.COURSE_STATUS, queued.courseId(), queued).whenComplete((sent, error) -> {
            if (error != null) {
                log.warn("Could not announce queued course {} (its next status change will): {}", queued.courseId(),
                        NestedExceptionUtils.getMostSpecificCause(error).toString());
            }
        });
    }

    private static Query byId(String courseId) {
        return query(where(ID).is(courseId));
    }
}
