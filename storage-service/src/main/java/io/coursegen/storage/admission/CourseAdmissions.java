package io.coursegen.storage.admission;

import static io.coursegen.storage.course.CourseDocuments.ADMITTED_AT;
import static io.coursegen.storage.course.CourseDocuments.APPROVED_AT;
import static io.coursegen.storage.course.CourseDocuments.COLLECTION;
import static io.coursegen.storage.course.CourseDocuments.CREATED_AT;
import static io.coursegen.storage.course.CourseDocuments.ID;
import static io.coursegen.storage.course.CourseDocuments.PARTS_DONE;
import static io.coursegen.storage.course.CourseDocuments.PARTS_TOTAL;
import static io.coursegen.storage.course.CourseDocuments.REQUESTED_AT;
import static io.coursegen.storage.course.CourseDocuments.REVISION;
import static io.coursegen.storage.course.CourseDocuments.SPEC;
import static io.coursegen.storage.course.CourseDocuments.STATUS;
import static io.coursegen.storage.course.CourseDocuments.TENANT_ID;
import static io.coursegen.storage.course.CourseDocuments.TRACE_PARENT;
import static io.coursegen.storage.course.CourseDocuments.UPDATED_AT;
import static io.coursegen.storage.course.CourseDocuments.WAITING_SINCE;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.PartRequests;
import io.coursegen.contracts.Topics;
import io.coursegen.kafka.PartSpread;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.storage.course.StoredCourse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Admits waiting courses (see the package documentation) on one thread of its own: a wake-up after a course was
 * accepted or finished, and a sweep every {@code sweep-interval}. Wake-ups coalesce and passes start at least 50 ms
 * apart. A pass reads the in-flight entries and looks up their courses by id (at most {@code max-in-flight}); only
 * when a place is free does it read the queue, then one find, one send and three updates per admitted course.
 *
 * <p>The request's trace is kept with the course and continued when it is admitted, so a course that waited is still
 * one trace from its request to its completion.
 */
@Component
@EnableConfigurationProperties(AdmissionProperties.class)
public class CourseAdmissions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CourseAdmissions.class);
    private static final Duration MONGO_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> RUNNING = Arrays.stream(CourseStatus.values())
            .filter(status -> !status.isFinal()).map(CourseStatus::name).toList();
    private static final String TRACE_PARENT_HEADER = "traceparent";
    /**
     * Passes start at least this far apart: a burst of requests wakes the room thousands of times a second, and each
     * pass reads the whole room; one course admitted 50 ms later costs nothing.
     */
    private static final long MIN_PASS_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** A queue entry whose course is still missing this long after it entered belongs to an intake that failed. */
    private static final Duration NEVER_ARRIVED = Duration.ofMinutes(1);
    /**
     * How stale this instance's view of the queue may get: courses other instances accepted join it within this
     * time (this instance's own join at once).
     */
    private static final Duration QUEUE_REREAD = Duration.ofSeconds(5);

    private final ReactiveMongoTemplate mongo;
    private final AdmissionRoom room;
    private final CourseDocuments documents;
    private final KafkaTemplate<String, Object> kafka;
    private final FairShare fairShare;
    private final Duration sweepInterval;
    private final Tracer tracer;
    private final Propagator propagator;
    private final Timer waited;
    private final AtomicLong waiting = new AtomicLong();
    private final WaitingQueue queue = new WaitingQueue();
    /** By tenant, courses in flight as last counted plus those admitted since; only the admission thread uses it. */
    private Map<String, Integer> inFlight;
    private volatile boolean recount = true;
    private final AtomicBoolean passPending = new AtomicBoolean();
    private volatile long lastQueueRead = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private volatile long lastPassStarted = System.nanoTime() - MIN_PASS_SPACING_NANOS;
    private volatile ScheduledExecutorService thread;

    CourseAdmissions(ReactiveMongoTemplate mongo, AdmissionRoom room, CourseDocuments documents,
            KafkaTemplate<String, Object> kafka,
            AdmissionProperties properties, MeterRegistry meters, ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        this.mongo = mongo;
        this.room = room;
        this.documents = documents;
        this.kafka = kafka;
        this.fairShare = properties.fairShare();
        this.sweepInterval = properties.sweepInterval();
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
        this.waited = Timer.builder("coursegen.admission.wait")
                .description("How long a requested course waited for its fair share before it was admitted")
                .publishPercentileHistogram()
                .register(meters);
        Gauge.builder("coursegen.courses.waiting", waiting, AtomicLong::get)
                .description("Requested courses waiting to be admitted (every storage instance reports the same count)")
                .register(meters);
    }

    /**
     * A new course joins the queue, before its document is inserted (see {@link #waiting}): an entry whose course
     * never arrives is dropped by a pass, while a course without an entry would wait for ever.
     */
    public Mono<Void> enter(String courseId, String tenantId, Instant since) {
        return room.enter(courseId, tenantId, since).doOnNext(queue::add).then();
    }

    /** How many of the tenant's courses wait for admission now (for its queue limit). */
    public Mono<Long> waitingCount(String tenantId) {
        return room.waitingCount(tenantId);
    }

    /** How many courses of all tenants wait for admission now (for the completion estimate). */
    public Mono<Long> waitingCount() {
        return room.waitingCount();
    }

    /** Courses generating at once at most, across tenants; 0 while admission is paused. */
    public int capacity() {
        return fairShare.maxInFlight();
    }

    /**
     * A course was accepted: look at the queue soon. Nothing was freed, so the pass trusts the in-flight count it
     * has (recounted at every sweep and after every {@link #wake}) instead of looking up every course in flight.
     */
    public void wakeForNewCourse() {
        schedulePass();
    }

    /** The new course's document with what admission needs: since when it waits, and the request's trace. */
    public Document waiting(Document course, Instant since, String traceParent) {
        return course
                .append(WAITING_SINCE, Date.from(since))
                .append(TRACE_PARENT, traceParent);
    }

    /** A waiting course was cancelled: it leaves the queue (an admitted one frees its place at the next pass). */
    public Mono<Void> cancelled(String courseId) {
        return room.leave(courseId).doOnTerminate(this::wake);
    }

    /** A course finished (or may have): count what is in flight again and look at the waiting room soon. */
    public void wake() {
        recount = true;
        schedulePass();
    }

    private void schedulePass() {
        ScheduledExecutorService current = thread;
        if (current != null && passPending.compareAndSet(false, true)) {
            long wait = lastPassStarted + MIN_PASS_SPACING_NANOS - System.nanoTime();
            current.schedule(() -> pass(false), Math.max(wait, 0), TimeUnit.NANOSECONDS);
        }
    }

    private void pass(boolean sweep) {
        lastPassStarted = System.nanoTime();
        passPending.set(false);
        try {
            admitWhileRoom(sweep);
        } catch (RuntimeException e) {
            // nothing is lost: the courses still wait, and the next wake-up or sweep tries again
            log.warn("Could not admit waiting courses, trying again within {}", sweepInterval, e);
        }
    }

    /**
     * Counts the courses in flight (dropping entries whose course became final or is gone); if a place is free,
     * admits from the waiting queue by {@link FairShare} until none is. A sweep reads the queue from MongoDB again
     * when the last read is older than {@link #QUEUE_REREAD}.
     */
    private void admitWhileRoom(boolean sweep) {
        if (sweep && System.nanoTime() - lastQueueRead > QUEUE_REREAD.toNanos()) {
            readQueue();
        }
        if (sweep || recount || inFlight == null) {
            recount = false;
            inFlight = countInFlight();
        }
        List<AdmissionRoom.Waiting> notYetStored = new ArrayList<>();
        for (String tenant = fairShare.next(inFlight, queue.oldestByTenant()).orElse(null); tenant != null;
                tenant = fairShare.next(inFlight, queue.oldestByTenant()).orElse(null)) {
            AdmissionRoom.Waiting next = queue.poll(tenant);
            switch (admit(next)) {
                case ADMITTED -> inFlight.merge(tenant, 1, Integer::sum);
                case NOT_STORED_YET -> notYetStored.add(next);
                case GONE -> { }
            }
        }
        // back in line for the next pass (taking them again in this one would loop)
        notYetStored.forEach(queue::add);
        waiting.set(queue.size());
    }

    /**
     * By tenant, the courses in flight; entries whose course became final or is gone are dropped, and so are those of
     * outlines waiting for their owner's review, which may take days and generate nothing meanwhile (an approved one
     * waits for admission again).
     */
    private Map<String, Integer> countInFlight() {
        Map<String, Integer> counted = new HashMap<>();
        for (AdmissionRoom.InFlight entry : room.inFlight()) {
            CourseStatus status = status(entry.courseId());
            if (status == null || status.isFinal() || status == CourseStatus.OUTLINE_READY) {
                room.finished(entry.courseId());
            } else {
                counted.merge(entry.tenantId(), 1, Integer::sum);
            }
        }
        return counted;
    }

    private void readQueue() {
        lastQueueRead = System.nanoTime();
        queue.readStarts();
        queue.replaceWith(room.waiting());
    }

    private CourseStatus status(String courseId) {
        Query byId = query(where(ID).is(courseId));
        byId.fields().include(STATUS);
        Document course = mongo.findOne(byId, Document.class, COLLECTION).block(MONGO_TIMEOUT);
        return course == null ? null : CourseStatus.valueOf(course.getString(STATUS));
    }

    /**
     * Announces the course, then marks it admitted if no other instance did (announcing first means a crash in
     * between announces it again rather than never), then moves its entry to in flight. A course already admitted
     * (by another instance) only has its entry moved; one cancelled while it waited leaves the queue; one whose
     * intake has not inserted it yet waits for the next pass, and leaves the queue if it never arrives.
     */
    private Admission admit(AdmissionRoom.Waiting entry) {
        String courseId = entry.courseId();
        Document course = mongo.findById(courseId, Document.class, COLLECTION).block(MONGO_TIMEOUT);
        if (course == null) {
            if (entry.since().plus(NEVER_ARRIVED).isAfter(Instant.now())) {
                return Admission.NOT_STORED_YET;
            }
            room.leave(courseId).block(MONGO_TIMEOUT);
            return Admission.GONE;
        }
        if (CourseStatus.valueOf(course.getString(STATUS)).isFinal()) {
            room.leave(courseId).block(MONGO_TIMEOUT);
            return Admission.GONE;
        }
        boolean approved = course.getDate(APPROVED_AT) != null;
        if (course.getDate(ADMITTED_AT) == null) {
            if (approved) {
                requestApprovedParts(course);
            } else {
                announce(course);
            }
        }
        Document marked = mongo.findAndModify(query(where(ID).is(courseId).and(ADMITTED_AT).exists(false)),
                        new Update().currentDate(ADMITTED_AT), FindAndModifyOptions.options().returnNew(true),
                        Document.class, COLLECTION)
                .block(MONGO_TIMEOUT);
        room.admitted(courseId, entry.tenantId());
        if (marked != null) {
            started(marked, approved ? CourseStatus.GENERATING : CourseStatus.OUTLINING);
            Instant since = course.getDate(WAITING_SINCE).toInstant();
            Instant admittedAt = marked.getDate(ADMITTED_AT).toInstant();
            waited.record(Duration.between(since, admittedAt).isNegative() ? Duration.ZERO
                    : Duration.between(since, admittedAt));
            log.debug("Course {} of tenant {} admitted", courseId, entry.tenantId());
        }
        return Admission.ADMITTED;
    }

    private enum Admission { ADMITTED, NOT_STORED_YET, GONE }

    private void announce(Document course) {
        String courseId = course.getString(ID);
        Date requestedAt = Objects.requireNonNullElse(course.getDate(REQUESTED_AT), course.getDate(CREATED_AT));
        CourseRequested admitted = new CourseRequested(courseId, course.getString(TENANT_ID),
                documents.fromDocument(course.get(SPEC, Document.class), CourseSpec.class),
                requestedAt == null ? null : requestedAt.toInstant());
        Span span = continuedTrace(course.getString(TRACE_PARENT)).name("course admission").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            kafka.send(Topics.COURSE_ADMITTED, courseId, admitted).join();
        } finally {
            span.end();
        }
    }

    /**
     * An approved outline's lesson and picture requests, derived from the outline as its owner approved it exactly
     * as outline-service derives a course's first requests ({@link PartRequests}); sent again after a crash before
     * the course was marked admitted, which the generating services skip as parts they already produced.
     */
    private void requestApprovedParts(Document course) {
        StoredCourse stored = documents.read(course);
        Outline approved = stored.plannedOutline();
        Span span = continuedTrace(course.getString(TRACE_PARENT)).name("approved outline admission").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            PartSpread.send(kafka, PartRequests.of(stored.courseId(), stored.tenantId(),
                    stored.spec().withLessonCount(approved.lessons().size()), approved)).join();
        } finally {
            span.end();
        }
    }

    /**
     * QUEUED becomes OUTLINING (or GENERATING, for an approved outline), announced on {@code course.status}.
     * Conditional on QUEUED, and it moves the revision on, so an outline that overtook the admission (GENERATING) or
     * a cancel is never overwritten, and a status decision made on the state before is made again.
     */
    private void started(Document admitted, CourseStatus next) {
        Document started = mongo.findAndModify(
                        query(where(ID).is(admitted.getString(ID)).and(STATUS).is(CourseStatus.QUEUED.name())),
                        new Update().set(STATUS, next.name()).inc(REVISION, 1).currentDate(UPDATED_AT),
                        FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .block(MONGO_TIMEOUT);
        if (started == null) {
            return;
        }
        CourseStatusChanged snapshot = new CourseStatusChanged(started.getString(ID), started.getString(TENANT_ID),
                next, started.getInteger(PARTS_DONE, 0), started.getInteger(PARTS_TOTAL, 0), null,
                started.getDate(UPDATED_AT).toInstant());
        kafka.send(Topics.COURSE_STATUS, snapshot.courseId(), snapshot).whenComplete((sent, error) -> {
            if (error != null) {
                log.warn("Could not announce that course {} is {} (its next status change will): {}",
                        snapshot.courseId(), next, error.toString());
            }
        });
    }

    private Span.Builder continuedTrace(String traceParent) {
        if (traceParent == null) {
            return tracer.spanBuilder();
        }
        return propagator.extract(Map.of(TRACE_PARENT_HEADER, traceParent), Map::get);
    }

    /**
     * Courses stored before the room had collections of its own (or by an instance that stopped between its two
     * writes) get their entries: one scan of the courses at start, never again.
     */
    private void reconcile() {
        try {
            mongo.find(query(where(WAITING_SINCE).exists(true).and(ADMITTED_AT).exists(false).and(STATUS).in(RUNNING)),
                            Document.class, COLLECTION)
                    .concatMap(course -> room.enter(course.getString(ID), course.getString(TENANT_ID),
                            course.getDate(WAITING_SINCE).toInstant()))
                    .then().block(MONGO_TIMEOUT);
            mongo.find(query(where(ADMITTED_AT).exists(true).and(STATUS).in(RUNNING)), Document.class, COLLECTION)
                    .toStream().forEach(course -> room.admitted(course.getString(ID), course.getString(TENANT_ID)));
        } catch (RuntimeException e) {
            log.warn("Could not bring the waiting room up to date with the stored courses; new courses are not "
                    + "affected", e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread admissions = new Thread(runnable, "course-admissions");
            admissions.setDaemon(true);
            return admissions;
        });
        started.execute(this::reconcile);
        started.scheduleWithFixedDelay(() -> pass(true), 0, sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
        thread = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = thread;
        thread = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(MONGO_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
