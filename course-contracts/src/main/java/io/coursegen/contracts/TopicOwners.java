package io.coursegen.contracts;

import java.util.Map;
import java.util.Set;

/**
 * Which services may produce each internal topic, by {@code spring.application.name}. Where Kafka runs with ACLs the
 * broker enforces this (local-platform's {@code KafkaAccess} grants exactly these WRITEs, and a test there fails if
 * the two disagree); everywhere else kafka-defaults' record provenance does: a consumer of one of these topics ignores
 * a record that a service outside its owners signed, or that nobody signed.
 *
 * <p>Not listed, so anyone who can reach the broker may write them: the public intake ({@code course.requests} and
 * {@code course.requests.<tenantId>}, which tenants write), the tenants' status topics (outputs nobody in Coursegen
 * reads) and the dead-letter topics (read by operators, not by the services).
 */
public final class TopicOwners {

    public static final String GATEWAY = "gateway-service";
    public static final String STORAGE = "storage-service";
    public static final String OUTLINE = "outline-service";
    public static final String CONTENT = "content-service";
    public static final String IMAGE = "image-service";

    private static final Map<String, Set<String>> OWNERS = Map.of(
            Topics.COURSE_ADMITTED, Set.of(STORAGE),
            Topics.COURSE_OUTLINED, Set.of(OUTLINE),
            // outline-service asks for a course's parts, storage-service for a regenerated one
            Topics.LESSON_REQUESTED, Set.of(OUTLINE, STORAGE),
            Topics.IMAGE_REQUESTED, Set.of(OUTLINE, STORAGE),
            Topics.LESSON_GENERATED, Set.of(CONTENT),
            Topics.IMAGE_GENERATED, Set.of(IMAGE),
            Topics.COURSE_PART_FAILED, Set.of(OUTLINE, CONTENT, IMAGE),
            // storage-service reports every status; the gateway publishes the rejections of Kafka submissions
            Topics.COURSE_STATUS, Set.of(STORAGE, GATEWAY),
            Topics.COURSE_CANCELLED, Set.of(STORAGE));

    /** The services that may produce {@code topic}; empty for a topic that is not internal (anyone may). */
    public static Set<String> of(String topic) {
        return OWNERS.getOrDefault(topic, Set.of());
    }

    /** Every internal topic and its owners. */
    public static Map<String, Set<String>> all() {
        return OWNERS;
    }

    private TopicOwners() {
    }
}
