package io.coursegen.gateway.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns the course counters, read at each poll of the page, into per-minute rates over the last
 * {@code window} (Prometheus' {@code rate()} over a range, with this gateway's polls as the samples). A counter
 * that falls (storage-service restarted) starts the window anew rather than showing a negative rate.
 */
final class ThroughputWindow {

    /** Readings closer together than this are not kept: several open pages do not crowd the window. */
    private static final Duration SPACING = Duration.ofSeconds(1);
    /** A shorter span would turn one course into a rate of dozens a minute. */
    private static final Duration MINIMUM_SPAN = Duration.ofSeconds(5);

    record Reading(Instant at, long requested, long completed, long failed) {
    }

    /** Per-minute rates; all null until the readings span {@link #MINIMUM_SPAN}. */
    record Rates(Double requestedPerMinute, Double completedPerMinute, Double failedPerMinute, Long windowSeconds) {

        static final Rates UNKNOWN = new Rates(null, null, null, null);
    }

    private final Duration window;
    private final Clock clock;
    private final Deque<Reading> readings = new ArrayDeque<>();

    ThroughputWindow(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    synchronized Rates record(long requested, long completed, long failed) {
        Reading now = new Reading(clock.instant(), requested, completed, failed);
        Reading oldest = readings.peekFirst();
        if (oldest != null && (requested < oldest.requested() || completed < oldest.completed() || failed < oldest.failed())) {
            readings.clear();
        }
        Reading newest = readings.peekLast();
        if (newest == null || !now.at().isBefore(newest.at().plus(SPACING))) {
            readings.addLast(now);
        }
        while (readings.size() > 1 && readings.peekFirst().at().isBefore(now.at().minus(window))) {
            readings.removeFirst();
        }
        Reading first = readings.peekFirst();
        Duration span = Duration.between(first.at(), now.at());
        if (span.compareTo(MINIMUM_SPAN) < 0) {
            return Rates.UNKNOWN;
        }
        double minutes = span.toMillis() / 60_000.0;
        return new Rates((requested - first.requested()) / minutes, (completed - first.completed()) / minutes,
                (failed - first.failed()) / minutes, span.toSeconds());
    }
}
