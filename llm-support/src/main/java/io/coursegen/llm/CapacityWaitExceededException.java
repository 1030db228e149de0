package io.coursegen.llm;

import java.time.Duration;

/**
 * A call waited for capacity longer than {@code coursegen.llm.capacity.max-wait}. Nothing reached the provider;
 * like a lasting rate limit it is not tried again inside the call (the budget is spent) and opens no circuit: the
 * Kafka error handler's back-off redelivers the record, which waits again.
 */
public class CapacityWaitExceededException extends RuntimeException {

    CapacityWaitExceededException(CallType type, String limit, Duration budget) {
        super("No " + type.id() + " capacity (" + limit + ") within " + budget + " (coursegen.llm.capacity.max-wait)");
    }
}
