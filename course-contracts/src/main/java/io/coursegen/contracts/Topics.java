package io.coursegen.contracts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kafka topic names and record keys. Facts (course.*, *.generated, course.part-failed) are keyed by
 * courseId, so one course's facts stay in order on one partition. Work requests (lesson.requested,
 * image.requested) are keyed by {@link #partKey} and derived by {@link PartRequests}; kafka-defaults'
 * {@code PartSpread} puts one course's parts on distinct partitions, so they are generated in parallel, and
 * storage assembles their results in any order.
 */
public final class Topics {

    /**
     * A course storage admitted for generation ({@link CourseRequested}: the course as requested). Every accepted
     * course is stored by storage first; storage holds a tenant's courses beyond its fair share of the in-flight
     * courses back and admits them as others finish.
     */
    public static final String COURSE_ADMITTED = "course.admitted";
    public static final String COURSE_OUTLINED = "course.outlined";
    public static final String LESSON_REQUESTED = "lesson.requested";
    public static final String IMAGE_REQUESTED = "image.requested";
    public static final String LESSON_GENERATED = "lesson.generated";
    public static final String IMAGE_GENERATED = "image.generated";
    public static final String COURSE_PART_FAILED = "course.part-failed";
    public static final String COURSE_STATUS = "course.status";
    public static final String COURSE_CANCELLED = "course.cancelled";
    /** Public: other teams submit {@link CourseSubmission}s here; the gateway admits them. */
    public static final String COURSE_REQUESTS = "course.requests";

    /**
     * Where Kafka authenticates submitters (SASL and ACLs), each tenant submits on a topic of its own,
     * {@code course.requests.<tenantId>}, which only that tenant's principal may write: the topic names the tenant,
     * no credential rides on the record. See {@link #courseRequestsOf} and {@link #TENANT_COURSE_REQUESTS}.
     */
    public static final String TENANT_COURSE_REQUESTS_PREFIX = COURSE_REQUESTS + ".";
    /**
     * A tenant's own copy of {@code course.status} ({@code course.status.<tenantId>}), only that tenant's principal
     * may read: its courses' progress and its rejected submissions, nobody else's.
     */
    public static final String TENANT_COURSE_STATUS_PREFIX = COURSE_STATUS + ".";

    /** Suffix spring-kafka's dead-letter recoverer appends to a topic name. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    public static final List<String> ALL = List.of(
            COURSE_ADMITTED, COURSE_OUTLINED, LESSON_REQUESTED, IMAGE_REQUESTED,
            LESSON_GENERATED, IMAGE_GENERATED, COURSE_PART_FAILED, COURSE_STATUS, COURSE_CANCELLED,
            COURSE_REQUESTS);

    /**
     * Every tenant intake topic and nothing else (not {@code course.requests.DLT}, not a tenant topic's DLT); a
     * constant, so a {@code @KafkaListener} can subscribe with it.
     */
    public static final String TENANT_COURSE_REQUESTS_REGEX = "course\\.requests\\.(?!(.*\\.)?DLT$)[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    public static final Pattern TENANT_COURSE_REQUESTS = Pattern.compile(TENANT_COURSE_REQUESTS_REGEX);

    /** {@code course.requests.<tenantId>}. */
    public static String courseRequestsOf(String tenantId) {
        return TENANT_COURSE_REQUESTS_PREFIX + checkedTenant(tenantId);
    }

    /** {@code course.status.<tenantId>}. */
    public static String courseStatusOf(String tenantId) {
        return TENANT_COURSE_STATUS_PREFIX + checkedTenant(tenantId);
    }

    /** The tenant whose intake topic this is, or empty for any other topic. */
    public static Optional<String> tenantOfCourseRequests(String topic) {
        return topic != null && TENANT_COURSE_REQUESTS.matcher(topic).matches()
                ? Optional.of(topic.substring(TENANT_COURSE_REQUESTS_PREFIX.length())) : Optional.empty();
    }

    /** A tenant id fit for a topic name: the gateway's tenant-id rule, and not ending like a dead-letter topic. */
    private static String checkedTenant(String tenantId) {
        String topic = TENANT_COURSE_REQUESTS_PREFIX + tenantId;
        if (tenantId == null || !TENANT_COURSE_REQUESTS.matcher(topic).matches()) {
            throw new IllegalArgumentException("Not a tenant id that can name a topic: " + tenantId);
        }
        return tenantId;
    }

    /** The key of a work request: {@code <courseId>/<partId>}, e.g. {@code 7c0e.../lesson:lesson-03}. */
    public static String partKey(String courseId, String partId) {
        return courseId + "/" + partId;
    }

    /** The courseId in any record key: a fact's key itself, a work request's up to the first {@code /}. */
    public static String courseIdOfKey(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    private Topics() {
    }
}
