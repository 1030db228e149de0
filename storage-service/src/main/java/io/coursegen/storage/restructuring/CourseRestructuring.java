package io.coursegen.storage.restructuring;

import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.COMPLETED_AT;
import static io.coursegen.storage.course.CourseDocuments.FAILURES;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.IMAGES;
import static io.coursegen.storage.course.CourseDocuments.IMAGE_PENDING;
import static io.coursegen.storage.course.CourseDocuments.IMAGE_VERSIONS;
import static io.coursegen.storage.course.CourseDocuments.INSTRUCTIONS;
import static io.coursegen.storage.course.CourseDocuments.LESSONS;
import static io.coursegen.storage.course.CourseDocuments.LESSON_ID;
import static io.coursegen.storage.course.CourseDocuments.LESSON_PENDING;
import static io.coursegen.storage.course.CourseDocuments.LESSON_PLAN;
import static io.coursegen.storage.course.CourseDocuments.PARTS_DONE;
import static io.coursegen.storage.course.CourseDocuments.PARTS_TOTAL;
import static io.coursegen.storage.course.CourseDocuments.PART_REVISION;
import static io.coursegen.storage.course.CourseDocuments.REGENERATIONS;
import static io.coursegen.storage.course.CourseDocuments.REQUESTED_AT;
import static io.coursegen.storage.course.CourseDocuments.REVISION;
import static io.coursegen.storage.course.CourseDocuments.SPEC;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static io.coursegen.storage.course.CourseDocuments.UPDATED_AT;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.OutlineDraft;
import io.coursegen.contracts.OutlineRules;
import io.coursegen.contracts.PartRequests;
import io.coursegen.contracts.Topics;
import io.coursegen.kafka.PartSpread;
import io.coursegen.storage.budget.CourseBudgets;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.FieldKeys;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.quota.Refusal;
import io.coursegen.storage.quota.TenantQuotas;
import io.coursegen.storage.restructuring.RestructuringOutcome.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** See the package documentation. Nothing here blocks a Netty thread. */
@Component
public class CourseRestructuring {

    private static final Logger log = LoggerFactory.getLogger(CourseRestructuring.class);
    /** An added lesson is written as the first revision of a regeneration, so its results end the wait for them. */
    private static final int FIRST_REVISION = 1;
    private static final int DEFAULT_MINUTES = 10;
    /** Each retry means an event for the same course was applied between the read and the update. */
    private static final int ATTEMPTS = 10;

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;
    private final KafkaTemplate<String, Object> kafka;
    private final TenantQuotas quota;
    private final CourseBudgets budgets;

    CourseRestructuring(ReactiveMongoTemplate mongo, CourseDocuments documents, KafkaTemplate<String, Object> kafka,
            TenantQuotas quota, CourseBudgets budgets) {
        this.mongo = mongo;
        this.documents = documents;
        this.kafka = kafka;
        this.quota = quota;
        this.budgets = budgets;
    }

    /**
     * A lesson to add.
     *
     * @param position 1-based place in teaching order; null for after the last lesson
     */
    public record NewLesson(String title, String summary, Integer position, List<String> objectives,
                            List<String> keyConcepts, Integer estimatedMinutes) {
    }

    /**
     * Adds a lesson to the tenant's completed course and has it written and drawn. It counts against the tenant's
     * regenerations per hour and reserves a lesson's estimate from the month's budget, as a regeneration does.
     */
    public Mono<AddOutcome> add(String tenantId, String courseId, NewLesson lesson) {
        return find(tenantId, courseId)
                .flatMap(raw -> {
                    StoredCourse course = documents.read(raw);
                    if (course.status() != CourseStatus.COMPLETED) {
                        return Mono.just(new AddOutcome(RestructuringOutcome.of(Result.NOT_COMPLETED, course.status()),
                                null));
                    }
                    Outline outline = course.plannedOutline();
                    List<String> problems = problems(lesson, outline);
                    if (!problems.isEmpty()) {
                        return Mono.just(new AddOutcome(RestructuringOutcome.invalid(problems), null));
                    }
                    return quota.checkRegeneration(tenantId)
                            .switchIfEmpty(Mono.defer(() -> budgets.reserveRegeneration(tenantId, raw)))
                            .map(refusal -> new AddOutcome(null, refusal))
                            .switchIfEmpty(Mono.defer(() -> insert(raw, course, outline, lesson)
                                    .map(outcome -> new AddOutcome(outcome, null))));
                })
                .defaultIfEmpty(new AddOutcome(RestructuringOutcome.of(Result.COURSE_NOT_FOUND, null), null));
    }

    /** @param refusal over the tenant's regenerations per hour or its budget; then {@code outcome} is null */
    public record AddOutcome(RestructuringOutcome outcome, Refusal refusal) {
    }

    /**
     * Removes a lesson of the tenant's completed course: its text, picture and their versions; the course stays
     * COMPLETED with the lessons after it one position up. A course keeps at least one lesson.
     */
    public Mono<RestructuringOutcome> remove(String tenantId, String courseId, String lessonId) {
        return remove(tenantId, courseId, lessonId, 1);
    }

    private Mono<RestructuringOutcome> remove(String tenantId, String courseId, String lessonId, int attempt) {
        return find(tenantId, courseId)
                .flatMap(raw -> {
                    StoredCourse course = documents.read(raw);
                    StoredCourse.StoredLesson removed = course.lessons().get(lessonId);
                    if (removed == null || removed.plan() == null) {
                        return Mono.just(RestructuringOutcome.of(Result.LESSON_NOT_FOUND, course.status()));
                    }
                    if (course.status() != CourseStatus.COMPLETED) {
                        return Mono.just(RestructuringOutcome.of(Result.NOT_COMPLETED, course.status()));
                    }
                    List<Outline.OutlineLesson> lessons = course.plannedOutline().lessons();
                    if (lessons.size() == 1) {
                        return Mono.just(RestructuringOutcome.invalid(List.of(
                                "a course keeps at least one lesson; delete the course instead")));
                    }
                    int at = removed.plan().position();
                    Update update = new Update()
                            .unset(FieldKeys.path(LESSONS, lessonId))
                            .unset(FieldKeys.path(IMAGES, lessonId))
                            .unset(FieldKeys.path(IMAGE_VERSIONS, lessonId))
                            .unset(FieldKeys.path(REGENERATIONS, lessonId))
                            .unset(FieldKeys.path(FAILURES, "lesson:" + lessonId))
                            .unset(FieldKeys.path(FAILURES, "image:" + lessonId))
                            .set(SPEC, documents.toDocument(course.spec().withLessonCount(lessons.size() - 1)))
                            .set(PARTS_TOTAL, 2 + 2 * (lessons.size() - 1))
                            .set(PARTS_DONE, 2 + 2 * (lessons.size() - 1))
                            .inc(REVISION, 1)
                            .currentDate(UPDATED_AT);
                    lessons.stream().filter(lesson -> lesson.position() > at).forEach(lesson ->
                            update.set(planPath(lesson.lessonId()) + ".position", lesson.position() - 1));
                    return mongo.findAndModify(unchanged(course), update,
                                    FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                            .map(documents::read)
                            .flatMap(changed -> announce(changed, PartRequests.none(courseId))
                                    .doOnSuccess(done -> log.info("Lesson {} of course {} removed by its owner; {} left",
                                            lessonId, courseId, lessons.size() - 1))
                                    .thenReturn(new RestructuringOutcome(Result.DONE, lessonId, changed.status(),
                                            List.of())))
                            // changed since it was read: decide again on what it is now
                            .switchIfEmpty(Mono.defer(() -> attempt < ATTEMPTS
                                    ? remove(tenantId, courseId, lessonId, attempt + 1)
                                    : Mono.error(new IllegalStateException("Course " + courseId
                                            + " kept changing while a lesson was to be removed"))));
                })
                .defaultIfEmpty(RestructuringOutcome.of(Result.COURSE_NOT_FOUND, null));
    }

    private Mono<RestructuringOutcome> insert(Document raw, StoredCourse course, Outline outline, NewLesson lesson) {
        List<Outline.OutlineLesson> lessons = outline.lessons();
        int position = lesson.position() == null ? lessons.size() + 1 : lesson.position();
        String lessonId = nextLessonId(course);
        Outline.OutlineLesson neighbour = position > 1 ? lessons.get(position - 2) : lessons.get(0);
        Outline.OutlineLesson added = new Outline.OutlineLesson(lessonId, position, lesson.title().strip(),
                lesson.summary().strip(), stripped(lesson.objectives()), stripped(lesson.keyConcepts()),
                lesson.estimatedMinutes() == null ? DEFAULT_MINUTES : lesson.estimatedMinutes(), neighbour.module());
        CourseSpec spec = course.spec().withLessonCount(lessons.size() + 1);
        Update update = new Update()
                .set(FieldKeys.path(LESSONS, lessonId), new Document(LESSON_ID, lessonId)
                        .append(LESSON_PLAN, documents.toDocument(added)))
                .set(FieldKeys.path(REGENERATIONS, lessonId), new Document(LESSON_ID, lessonId)
                        .append(PART_REVISION, FIRST_REVISION)
                        .append(INSTRUCTIONS, null)
                        .append(LESSON_PENDING, true)
                        .append(IMAGE_PENDING, true)
                        // the deadline of a course generating again counts from here
                        .append(REQUESTED_AT, new Date()))
                .set(SPEC, documents.toDocument(spec))
                .set(STATUS, CourseStatus.GENERATING.name())
                .set(PARTS_TOTAL, 2 + 2 * (lessons.size() + 1))
                .unset(COMPLETED_AT)
                .inc(REVISION, 1)
                .currentDate(UPDATED_AT);
        lessons.stream().filter(existing -> existing.position() >= position).forEach(existing ->
                update.set(planPath(existing.lessonId()) + ".position", existing.position() + 1));
        return mongo.findAndModify(unchanged(course), update, FindAndModifyOptions.options().returnNew(true),
                        Document.class, COLLECTION)
                .map(documents::read)
                .flatMap(changed -> announce(changed, PartRequests.of(changed.courseId(), changed.tenantId(),
                                changed.spec(), changed.plannedOutline()).regeneration(lessonId, FIRST_REVISION, null))
                        .doOnSuccess(done -> log.info("Lesson {} added to course {} at position {} by its owner",
                                lessonId, changed.courseId(), position))
                        .thenReturn(new RestructuringOutcome(Result.DONE, lessonId, changed.status(), List.of())))
                // changed since it was read (a regeneration, another change): the reservation goes back, and the
                // owner is told how the course is now
                .switchIfEmpty(Mono.defer(() -> budgets.settle(course.courseId())
                        .then(find(course.tenantId(), course.courseId()))
                        .map(now -> RestructuringOutcome.of(Result.NOT_COMPLETED, documents.read(now).status()))));
    }

    /** The rules an outline's lesson meets, for the one lesson added, and room for it. */
    private static List<String> problems(NewLesson lesson, Outline outline) {
        List<String> problems = new ArrayList<>();
        List<Outline.OutlineLesson> lessons = outline.lessons();
        if (lessons.size() >= OutlineRules.MAX_LESSONS) {
            problems.add("the course has " + lessons.size() + " lessons, as many as a course may have");
        }
        if (lesson.title() == null || lesson.title().isBlank()) {
            problems.add("title: must not be blank");
        } else if (lessons.stream().anyMatch(existing -> normalised(existing.title()).equals(normalised(lesson.title())))) {
            problems.add("title: the course already has a lesson \"" + lesson.title().strip() + "\"");
        }
        if (lesson.summary() == null || lesson.summary().isBlank()) {
            problems.add("summary: must not be blank");
        }
        if (lesson.position() != null && (lesson.position() < 1 || lesson.position() > lessons.size() + 1)) {
            problems.add("position: must be 1 to " + (lessons.size() + 1));
        }
        if (lesson.estimatedMinutes() != null && lesson.estimatedMinutes() < 1) {
            problems.add("estimatedMinutes: must be at least 1");
        }
        Stream.of(lesson.objectives(), lesson.keyConcepts()).filter(Objects::nonNull).flatMap(List::stream)
                .filter(item -> item == null || item.isBlank()).findFirst()
                .ifPresent(blank -> problems.add("objectives and keyConcepts: must not contain blank items"));
        return problems;
    }

    /** The next unused {@code lesson-NN}: never one a removed lesson had, whose results may still arrive. */
    private static String nextLessonId(StoredCourse course) {
        int highest = Stream.of(course.lessons().keySet(), course.images().keySet(), course.imageVersions().keySet(),
                        course.regenerations().keySet())
                .flatMap(Collection::stream)
                .filter(id -> id.matches("lesson-\\d+"))
                .mapToInt(id -> Integer.parseInt(id.substring("lesson-".length())))
                .max().orElse(0);
        return OutlineDraft.lessonId(highest + 1);
    }

    /** The course's status snapshot and the requests, all acknowledged before the client hears the answer. */
    private Mono<Void> announce(StoredCourse course, PartRequests requests) {
        CourseStatusChanged snapshot = new CourseStatusChanged(course.courseId(), course.tenantId(), course.status(),
                course.partsDone(), course.partsTotal(), course.error(),
                course.updatedAt() == null ? Instant.now() : course.updatedAt());
        // all sends start here, off the Netty thread (send() may block while it fetches metadata)
        return Mono.fromFuture(() -> CompletableFuture.allOf(
                        kafka.send(Topics.COURSE_STATUS, course.courseId(), snapshot),
                        PartSpread.send(kafka, requests)))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    private static Query unchanged(StoredCourse course) {
        return query(where(ID).is(course.courseId()).and(TENANT_ID).is(course.tenantId())
                .and(STATUS).is(CourseStatus.COMPLETED.name()).and(REVISION).is(course.revision()));
    }

    private static String planPath(String lessonId) {
        return FieldKeys.path(LESSONS, lessonId) + "." + LESSON_PLAN;
    }

    private static List<String> stripped(List<String> items) {
        return items == null ? List.of() : items.stream().map(String::strip).toList();
    }

    private static String normalised(String title) {
        return title.strip().toLowerCase(Locale.ROOT);
    }

    private Mono<Document> find(String tenantId, String courseId) {
        return mongo.findById(courseId, Document.class, COLLECTION)
                .filter(raw -> tenantId.equals(raw.getString(TENANT_ID)));
    }
}
