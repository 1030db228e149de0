package io.coursegen.storage.quota;

/**
 * Why a submission was not taken, as the gateway shows it: {@code 429} with a problem type per reason and
 * {@code Retry-After}, or a {@code course.rejected} event for Kafka intake.
 *
 * @param retryAfterSeconds when trying again can help
 */
public record Refusal(Reason reason, String detail, long retryAfterSeconds) {

    public enum Reason {
        /** More submissions than the tenant's rate allows: the bucket refills with time. */
        RATE_LIMITED,
        /** The tenant has as many courses waiting for admission as it may: one must be admitted first. */
        QUEUE_FULL,
        /** The tenant's monthly budget cannot cover this course's estimate: next month, or a larger budget, can. */
        BUDGET_EXHAUSTED
    }
}
