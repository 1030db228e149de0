package io.coursegen.storage.admission;

import static io.coursegen.storage.course.CourseDocuments.ADMITTED_AT;
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
import static io.coursegen.storage.course.CourseDocuments.WAITING_ORDER;
import static io.coursegen.storage.course.CourseDocuments.WAITING_SINCE;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.Topics;
import io.coursegen.storage.course.CourseDocuments;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Admits waiting courses (see the package documentation) on one thread of its own: a wake-up after a request
 * arrived or a course finished, and a sweep every {@code sweep-interval}. Wake-ups coalesce and passes start at
 * least 50 ms apart, so a burst of requests costs at most 20 passes a second, each two aggregations plus one find,
 * one send and one update per admitted course.
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

    private final ReactiveMongoTemplate mongo;
    private final CourseDocuments documents;
    private final KafkaTemplate<String, Object> kafka;
    private final FairShare fairShare;
    private final Duration sweepInterval;
    private final Tracer tracer;
    private final Propagator propagator;
    private final Timer waited;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong queueOrder = new AtomicLong();
    private final AtomicBoolean passPending = new AtomicBoolean();
    private volatile long lastPassStarted = System.nanoTime() - MIN_PASS_SPACING_NANOS;
    private volatile ScheduledExecutorService thread;

    CourseAdmissions(ReactiveMongoTemplate mongo, CourseDocuments documents, KafkaTemplate<String, Object> kafka,
            AdmissionProperties properties, MeterRegistry meters, ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        this.mongo = mongo;
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
     * The new course's document with what admission needs: since when it waits, its place in the queue (strictly
     * increasing here, so a burst within one millisecond keeps its order), and the request's trace.
     */
    public Document waiting(Document course, Instant since, String traceParent) {
        return course
                .append(WAITING_SINCE, Date.from(since))
                .append(WAITING_ORDER, queueOrder.updateAndGet(last -> Math.max(last + 1, micros(since))))
                .append(TRACE_PARENT, traceParent);
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    /** Something changed (a request arrived, a course finished): look at the waiting room soon. */
    public void wake() {
        ScheduledExecutorService current = thread;
        if (current != null && passPending.compareAndSet(false, true)) {
            long wait = lastPassStarted + MIN_PASS_SPACING_NANOS - System.nanoTime();
            current.schedule(this::pass, Math.max(wait, 0), TimeUnit.NANOSECONDS);
        }
    }

    private void pass() {
        lastPassStarted = System.nanoTime();
        passPending.set(false);
        try {
            admitWhileRoom();
        } catch (RuntimeException e) {
            // nothing is lost: the courses still wait, and the next wake-up or sweep tries again
            log.warn("Could not admit waiting courses, trying again within {}", sweepInterval, e);
        }
    }

    private void admitWhileRoom() {
        Map<String, Integer> inFlight = new HashMap<>();
        countByTenant(inFlight(), group(TENANT_ID).count().as("n"))
                .forEach(row -> inFlight.put(row.getString(ID), ((Number) row.get("n")).intValue()));
        Map<String, Instant> oldestWaiting = new HashMap<>();
        long waitingNow = 0;
        for (Document row : countByTenant(waitingRoom(), group(TENANT_ID).count().as("n").min(WAITING_SINCE).as("oldest"))) {
            oldestWaiting.put(row.getString(ID), row.getDate("oldest").toInstant());
            waitingNow += ((Number) row.get("n")).longValue();
        }
        waiting.set(waitingNow);
        for (String tenant = fairShare.next(inFlight, oldestWaiting).orElse(null); tenant != null;
                tenant = fairShare.next(inFlight, oldestWaiting).orElse(null)) {
            Document next = mongo.findOne(query(waitingRoom().and(TENANT_ID).is(tenant))
                            .with(Sort.by(Sort.Direction.ASC, WAITING_ORDER, WAITING_SINCE)), Document.class, COLLECTION)
                    .block(MONGO_TIMEOUT);
            if (next == null) {
                oldestWaiting.remove(tenant);
                continue;
            }
            if (admit(next)) {
                inFlight.merge(tenant, 1, Integer::sum);
                waiting.decrementAndGet();
            }
            // the next of this tenant waited at least as long as this one, which keeps the order among equals
            oldestWaiting.put(tenant, next.getDate(WAITING_SINCE).toInstant());
        }
    }

    /**
     * Announces the course, then marks it admitted if no other instance did: announcing first means a crash in
     * between announces it again rather than never.
     */
    private boolean admit(Document course) {
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
        Document marked = mongo.findAndModify(query(where(ID).is(courseId).and(ADMITTED_AT).exists(false)),
                        new Update().currentDate(ADMITTED_AT), FindAndModifyOptions.options().returnNew(true),
                        Document.class, COLLECTION)
                .block(MONGO_TIMEOUT);
        if (marked == null) {
            return false;
        }
        outlining(marked);
        Instant since = course.getDate(WAITING_SINCE).toInstant();
        Instant admittedAt = marked.getDate(ADMITTED_AT).toInstant();
        waited.record(Duration.between(since, admittedAt).isNegative() ? Duration.ZERO : Duration.between(since, admittedAt));
        log.debug("Course {} of tenant {} admitted", courseId, course.getString(TENANT_ID));
        return true;
    }

    /**
     * QUEUED becomes OUTLINING, announced on {@code course.status}. Conditional on QUEUED, and it moves the revision
     * on, so an outline that overtook the admission (GENERATING) or a cancel is never overwritten, and a status
     * decision made on the state before is made again.
     */
    private void outlining(Document admitted) {
        Document outlining = mongo.findAndModify(
                        query(where(ID).is(admitted.getString(ID)).and(STATUS).is(CourseStatus.QUEUED.name())),
                        new Update().set(STATUS, CourseStatus.OUTLINING.name()).inc(REVISION, 1).currentDate(UPDATED_AT),
                        FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION)
                .block(MONGO_TIMEOUT);
        if (outlining == null) {
            return;
        }
        CourseStatusChanged snapshot = new CourseStatusChanged(outlining.getString(ID), outlining.getString(TENANT_ID),
                CourseStatus.OUTLINING, outlining.getInteger(PARTS_DONE, 0), outlining.getInteger(PARTS_TOTAL, 0), null,
                outlining.getDate(UPDATED_AT).toInstant());
        kafka.send(Topics.COURSE_STATUS, snapshot.courseId(), snapshot).whenComplete((sent, error) -> {
            if (error != null) {
                log.warn("Could not announce that course {} is outlining (its next status change will): {}",
                        snapshot.courseId(), error.toString());
            }
        });
    }

    private Span.Builder continuedTrace(String traceParent) {
        if (traceParent == null) {
            return tracer.spanBuilder();
        }
        return propagator.extract(Map.of(TRACE_PARENT_HEADER, traceParent), Map::get);
    }

    private List<Document> countByTenant(Criteria filter, org.springframework.data.mongodb.core.aggregation.GroupOperation grouping) {
        return Objects.requireNonNullElse(mongo.aggregate(newAggregation(match(filter), grouping), COLLECTION, Document.class)
                .collectList().block(MONGO_TIMEOUT), List.of());
    }

    private static Criteria inFlight() {
        return where(ADMITTED_AT).exists(true).and(STATUS).in(RUNNING);
    }

    private static Criteria waitingRoom() {
        return where(WAITING_SINCE).exists(true).and(ADMITTED_AT).exists(false).and(STATUS).in(RUNNING);
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread admissions = new Thread(runnable, "course-admissions");
            admissions.setDaemon(true);
            return admissions;
        });
        started.scheduleWithFixedDelay(this::wake, 0, sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
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
