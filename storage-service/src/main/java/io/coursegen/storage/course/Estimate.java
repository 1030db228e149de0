package io.coursegen.storage.course;

import java.time.Instant;

/**
 * What a course was expected to cost and when it was expected to be done, as estimated at submission (see
 * {@code storage.budget}).
 *
 * @param costUsd     at the {@code coursegen.pricing} table, from the request's lessons and pictures and the tokens a
 *                    part is expected to take
 * @param completesAt from the courses waiting ahead, the admission capacity and how long courses take; null while
 *                    admission is paused
 */
public record Estimate(double costUsd, Instant completesAt) {
}
