package io.coursegen.contracts;

/**
 * A team's course request on the public topic {@code course.requests}: the body of
 * {@code POST /api/v1/courses} plus an optional {@code requestId}. Only the topic is required; the gateway
 * fills in the same defaults and applies the same validation as for the REST request. The tenant and its
 * credential travel in record headers, never in the payload.
 *
 * @param requestId the submitter's idempotency key (1-255 visible ASCII characters): the same id with the same
 *                  request within 24 hours starts one course, whatever the number of records
 * @param review    {@code none} (default) or {@code outline}: stop at {@code OUTLINE_READY} until approved
 */
public record CourseSubmission(
        String topic,
        String audience,
        String level,
        String language,
        Integer lessonCount,
        Boolean includeQuiz,
        String imageStyle,
        String requestId,
        String review) {

    /** A submission without a review choice (generated straight through). */
    public CourseSubmission(String topic, String audience, String level, String language, Integer lessonCount,
            Boolean includeQuiz, String imageStyle, String requestId) {
        this(topic, audience, level, language, lessonCount, includeQuiz, imageStyle, requestId, null);
    }

    /** Record header naming the submitting tenant. */
    public static final String TENANT_HEADER = "coursegen-tenant";
    /** Record header carrying the tenant's API key (the same key as for the REST API). */
    public static final String API_KEY_HEADER = "coursegen-api-key";
}
