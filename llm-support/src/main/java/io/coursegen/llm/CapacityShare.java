package io.coursegen.llm;

/**
 * This instance's part of the account's capacity, between 0 (exclusive) and 1: the configured limits are the
 * account's, and an instance enforces {@code limit x fraction()}. Asked before every call, so it may change
 * at any time (a rebalance); it must be cheap. A value outside (0, 1) counts as the whole, and so does having no
 * bean of this type (one instance takes all of it).
 */
@FunctionalInterface
public interface CapacityShare {

    CapacityShare WHOLE = () -> 1.0;

    double fraction();
}
