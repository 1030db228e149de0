package io.coursegen.contracts;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What each topic carries: its payload record (whose JSON Schema is {@code schemas/<Record>.schema.json})
 * and the CloudEvents {@code type} its records are published with. A topic may carry more than one type
 * ({@code course.status} carries status changes and rejected submissions); the first listed is the topic's
 * default, and a producer of another one sets its {@code ce_type} header itself. The version suffix changes only with
 * an incompatible payload change, which within {@code v1} is not allowed (see the released schema
 * snapshots in this module's tests).
 */
public final class EventTypes {

    /** Prefix of every Coursegen CloudEvents type. */
    public static final String TYPE_PREFIX = "io.coursegen.";

    /**
     * @param topic   the Kafka topic
     * @param type    the CloudEvents {@code type}, e.g. {@code io.coursegen.course.outlined.v1}
     * @param payload the record serialised as the value
     */
    public record EventType(String topic, String type, Class<?> payload) {

        /** Classpath resource of the payload's JSON Schema. */
        public String schemaResource() {
            return "schemas/" + payload.getSimpleName() + ".schema.json";
        }
    }

    /** A submission on {@code course.requests} that was not admitted, announced on {@code course.status}. */
    public static final EventType COURSE_REJECTED =
            new EventType(Topics.COURSE_STATUS, TYPE_PREFIX + "course.rejected.v1", CourseRejected.class);

    /** An approval of a reviewed course's outline on {@code course.requests}, beside the submissions. */
    public static final EventType COURSE_APPROVAL =
            new EventType(Topics.COURSE_REQUESTS, TYPE_PREFIX + "course.approval.v1", CourseApproval.class);

    public static final List<EventType> ALL = List.of(
            new EventType(Topics.COURSE_ADMITTED, TYPE_PREFIX + "course.admitted.v1", CourseRequested.class),
            new EventType(Topics.COURSE_OUTLINED, TYPE_PREFIX + "course.outlined.v1", CourseOutlined.class),
            new EventType(Topics.LESSON_REQUESTED, TYPE_PREFIX + "lesson.requested.v1", LessonRequested.class),
            new EventType(Topics.IMAGE_REQUESTED, TYPE_PREFIX + "image.requested.v1", ImageRequested.class),
            new EventType(Topics.LESSON_GENERATED, TYPE_PREFIX + "lesson.generated.v1", LessonGenerated.class),
            new EventType(Topics.IMAGE_GENERATED, TYPE_PREFIX + "image.generated.v1", ImageGenerated.class),
            new EventType(Topics.COURSE_PART_FAILED, TYPE_PREFIX + "course.part-failed.v1", CoursePartFailed.class),
            new EventType(Topics.COURSE_STATUS, TYPE_PREFIX + "course.status-changed.v1", CourseStatusChanged.class),
            new EventType(Topics.COURSE_CANCELLED, TYPE_PREFIX + "course.cancelled.v1", CourseCancelled.class),
            new EventType(Topics.COURSE_REQUESTS, TYPE_PREFIX + "course.submission.v1", CourseSubmission.class),
            COURSE_APPROVAL,
            COURSE_REJECTED);

    private static final Map<String, EventType> BY_TOPIC = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::topic, Function.identity(), (first, other) -> first));

    /**
     * The CloudEvents type of records on this topic (its default type, if it carries several). A topic outside
     * the contract (a dead-letter topic, a test's own) gets {@code io.coursegen.<topic>.v1}, so every record
     * still names a type.
     */
    public static String typeOf(String topic) {
        EventType known = BY_TOPIC.get(topic);
        return known != null ? known.type() : TYPE_PREFIX + topic + ".v1";
    }

    /** The default event type of a contract topic. */
    public static EventType ofTopic(String topic) {
        EventType known = BY_TOPIC.get(topic);
        if (known == null) {
            throw new IllegalArgumentException("Not a contract topic: " + topic);
        }
        return known;
    }

    private EventTypes() {
    }
}
