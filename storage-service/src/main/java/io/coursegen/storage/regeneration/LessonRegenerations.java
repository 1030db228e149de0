package io.coursegen.storage.regeneration;

import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.COMPLETED_AT;
import static io.coursegen.storage.course.CourseDocuments.FAILURES;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.IMAGES;
import static io.coursegen.storage.course.CourseDocuments.IMAGE_PENDING;
import static io.coursegen.storage.course.CourseDocuments.IMAGE_VERSIONS;
import static io.coursegen.storage.course.CourseDocuments.INSTRUCTIONS;
import static io.coursegen.storage.course.CourseDocuments.LESSONS;
import static io.coursegen.storage.course.CourseDocuments.LESSON_CONTENT;
import static io.coursegen.storage.course.CourseDocuments.LESSON_ID;
import static io.coursegen.storage.course.CourseDocuments.LESSON_PENDING;
import static io.coursegen.storage.course.CourseDocuments.PARTS_DONE;
import static io.coursegen.storage.course.CourseDocuments.PART_REVISION;
import static io.coursegen.storage.course.CourseDocuments.REGENERATIONS;
import static io.coursegen.storage.course.CourseDocuments.REQUESTED_AT;
import static io.coursegen.storage.course.CourseDocuments.REVISION;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static io.coursegen.storage.course.CourseDocuments.UPDATED_AT;
import static io.coursegen.storage.course.CourseDocuments.VERSIONS;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.PartRequests;
import io.coursegen.contracts.Topics;
import io.coursegen.kafka.PartSpread;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.FieldKeys;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.course.StoredCourse.Regeneration;
import io.coursegen.storage.course.StoredCourse.StoredLesson;
import io.coursegen.storage.quota.Refusal;
import io.coursegen.storage.budget.CourseBudgets;
import io.coursegen.storage.quota.TenantQuotas;
import io.coursegen.storage.regeneration.RegenerationOutcome.Result;
import java.time.Instant;
import java.util.Date;
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
public class LessonRegenerations {

    private static final Logger log = LoggerFactory.getLogger(LessonRegenerations.class);
    /** Each retry means an event for the same course was applied between the read and the update. */
    private static final int ATTEMPTS = 10;

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;
    private final KafkaTemplate<String, Object> kafka;
    private final TenantQuotas quota;
    private final CourseBudgets budgets;

    LessonRegenerations(ReactiveMongoTemplate mongo, CourseDocuments documents, KafkaTemplate<String, Object> kafka,
            TenantQuotas quota, CourseBudgets budgets) {
        this.mongo = mongo;
        this.documents = documents;
        this.kafka = kafka;
        this.quota = quota;
        this.budgets = budgets;
    }

    /** What is written again: the lesson's text and picture, or only its picture (the text stays as it is). */
    public enum Scope {
        LESSON, PICTURE
    }

    /**
     * Starts writing the tenant's lesson again, text and picture.
     *
     * @param instructions the owner's wish for the new version, already checked for length; null for none
     */
    public Mono<RegenerationOutcome> regenerate(String tenantId, String courseId, String lessonId, String instructions) {
        return regenerate(tenantId, courseId, lessonId, instructions, Scope.LESSON);
    }

    /**
     * Starts writing the tenant's lesson again, or only drawing its picture again ({@link Scope#PICTURE}: a plan and
     * a picture, two image-service calls, no text).
     */
    public Mono<RegenerationOutcome> regenerate(String tenantId, String courseId, String lessonId, String instructions,
            Scope scope) {
        // a reservation made for a regeneration that did not start (the course changed meanwhile) is given back
        return attempt(tenantId, courseId, lessonId, instructions, scope, 1)
                .flatMap(outcome -> outcome.result() == Result.ACCEPTED || outcome.result() == Result.RATE_LIMITED
                        ? Mono.just(outcome) : budgets.settle(courseId).thenReturn(outcome))
                .onErrorResume(error -> budgets.settle(courseId).then(Mono.error(error)));
    }

    private Mono<RegenerationOutcome> attempt(String tenantId, String courseId, String lessonId, String instructions,
            Scope scope, int attempt) {
        return mongo.findById(courseId, Document.class, COLLECTION)
                .filter(raw -> tenantId.equals(raw.getString(TENANT_ID)))
                .flatMap(raw -> {
                    StoredCourse course = documents.read(raw);
                    StoredLesson lesson = course.lessons().get(lessonId);
                    if (lesson == null || lesson.plan() == null) {
                        return Mono.just(RegenerationOutcome.of(Result.LESSON_NOT_FOUND));
                    }
                    if (course.status() != CourseStatus.COMPLETED) {
                        return Mono.just(new RegenerationOutcome(Result.NOT_COMPLETED, 0, course.status()));
                    }
                    int revision = nextRevision(course, lesson);
                    // a regeneration skips admission, so it has a limit of its own; taken once per request
                    // and, like a new course, it is paid for from the month's budget: reserved now, settled when the
                    // course is COMPLETED again (or at once if it does not start)
                    Mono<Refusal> limit = attempt == 1 ? quota.checkRegeneration(tenantId)
                            .switchIfEmpty(Mono.defer(() -> budgets.reserveRegeneration(tenantId, raw))) : Mono.empty();
                    return limit.map(refusal -> new RegenerationOutcome(Result.RATE_LIMITED, 0, course.status(), refusal))
                            .switchIfEmpty(Mono.defer(() -> start(raw, course, tenantId, courseId, lessonId, revision,
                                    instructions, scope, attempt)));
                })
                .defaultIfEmpty(RegenerationOutcome.of(Result.COURSE_NOT_FOUND));
    }

    /** Marks the course as regenerating this lesson, if nothing changed it since it was read, and announces it. */
    private Mono<RegenerationOutcome> start(Document raw, StoredCourse course, String tenantId, String courseId,
            String lessonId, int revision, String instructions, Scope scope, int attempt) {
        return mongo.findAndModify(
                        query(where(ID).is(courseId).and(TENANT_ID).is(tenantId)
                                .and(STATUS).is(CourseStatus.COMPLETED.name())
                                .and(REVISION).is(course.revision())),
                        regeneration(raw, course, lessonId, revision, instructions, scope),
                        FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .map(documents::read)
                .flatMap(started -> announce(started, lessonId, revision, instructions, scope)
                        .thenReturn(new RegenerationOutcome(Result.ACCEPTED, revision, started.status())))
                .switchIfEmpty(Mono.defer(() -> attempt < ATTEMPTS
                        ? attempt(tenantId, courseId, lessonId, instructions, scope, attempt + 1)
                        : Mono.error(new IllegalStateException("Course " + courseId
                                + " kept changing while its lesson was to be regenerated"))));
    }

    /** After the shown text and after any revision asked for before (whose results may still be on their way). */
    private static int nextRevision(StoredCourse course, StoredLesson lesson) {
        Regeneration previous = course.regenerations().get(lesson.lessonId());
        int shown = lesson.revision() == null ? 1 : lesson.revision();
        return Math.max(shown, previous == null ? 1 : previous.revision()) + 1;
    }

    /**
     * The shown text (unless only the picture is drawn again) and picture become versions (copied as stored, so a
     * replay of their event is recognised as already kept), the regeneration waits for what is asked again, and the
     * course is GENERATING with that many parts to do.
     */
    private Update regeneration(Document raw, StoredCourse course, String lessonId, int revision, String instructions,
            Scope scope) {
        boolean text = scope == Scope.LESSON;
        String lessonPath = FieldKeys.path(LESSONS, lessonId);
        Document storedLesson = raw.get(LESSONS, Document.class).get(FieldKeys.encode(lessonId), Document.class);
        Update update = new Update()
                .set(FieldKeys.path(REGENERATIONS, lessonId), new Document(LESSON_ID, lessonId)
                        .append(PART_REVISION, revision)
                        .append(INSTRUCTIONS, instructions)
                        .append(LESSON_PENDING, text)
                        .append(IMAGE_PENDING, true)
                        .append(REQUESTED_AT, new Date()))
                .unset(FieldKeys.path(FAILURES, "image:" + lessonId))
                .set(STATUS, CourseStatus.GENERATING.name())
                .set(PARTS_DONE, Math.max(0, course.partsDone() - (text ? 2 : 1)))
                .unset(COMPLETED_AT)
                .inc(REVISION, 1)
                .currentDate(UPDATED_AT);
        if (text) {
            update.unset(FieldKeys.path(FAILURES, "lesson:" + lessonId));
        }
        if (text && storedLesson.get(LESSON_CONTENT) != null) {
            update.push(lessonPath + "." + VERSIONS, CourseDocuments.asLessonVersion(storedLesson));
        }
        Document images = raw.get(IMAGES, Document.class);
        Document storedImage = images == null ? null : images.get(FieldKeys.encode(lessonId), Document.class);
        if (storedImage != null) {
            update.push(FieldKeys.path(IMAGE_VERSIONS, lessonId), CourseDocuments.asImageVersion(storedImage));
        }
        return update;
    }

    /** The lesson and picture requests and the status snapshot, all acknowledged before the client hears 202. */
    private Mono<Void> announce(StoredCourse course, String lessonId, int revision, String instructions, Scope scope) {
        PartRequests both = requests(course, lessonId, revision, instructions);
        PartRequests requests = scope == Scope.LESSON ? both : both.picturesOnly();
        Instant at = course.updatedAt() == null ? Instant.now() : course.updatedAt();
        CourseStatusChanged snapshot = new CourseStatusChanged(course.courseId(), course.tenantId(),
                course.status(), course.partsDone(), course.partsTotal(), course.error(), at);
        // all sends start here, off the Netty thread (send() may block while it fetches metadata)
        return Mono.fromFuture(() -> CompletableFuture.allOf(
                        kafka.send(Topics.COURSE_STATUS, course.courseId(), snapshot),
                        PartSpread.send(kafka, requests)))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnSuccess(sent -> log.info("{} {} of course {} is being regenerated as revision {}{}",
                        scope == Scope.LESSON ? "Lesson" : "The picture of lesson", lessonId, course.courseId(), revision,
                        instructions == null ? "" : " with the owner's instructions"))
                .then();
    }

    /**
     * What outline-service requested for the lesson, derived the same way ({@link PartRequests}) from the outline as
     * stored (its lessons in teaching order), now with the new revision and the owner's instructions. The same
     * derivation also gives the same ordinals, so {@link PartSpread} sends them to the partitions of the first
     * requests.
     */
    static PartRequests requests(StoredCourse course, String lessonId, int revision, String instructions) {
        return PartRequests.of(course.courseId(), course.tenantId(), course.spec(), course.plannedOutline())
                .regeneration(lessonId, revision, instructions);
    }
}
