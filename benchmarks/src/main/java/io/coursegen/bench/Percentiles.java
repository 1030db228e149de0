package io.coursegen.bench;

import java.util.Arrays;

/** Exact percentiles of a set of latencies (nearest-rank method: the smallest value with at least p% at or below it). */
final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    static Percentiles of(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    int count() {
        return sorted.length;
    }

    /** @param percent in (0, 100] */
    long percentile(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("A percentile is in (0, 100], not " + percent);
        }
        if (sorted.length == 0) {
            throw new IllegalStateException("No values");
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    long max() {
        return percentile(100);
    }

    /** The median as runs are usually reported: the middle value, or the mean of the two middle values. */
    static double median(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("No values");
        }
        double[] copy = values.clone();
        Arrays.sort(copy);
        int middle = copy.length / 2;
        return copy.length % 2 == 1 ? copy[middle] : (copy[middle - 1] + copy[middle]) / 2;
    }
}
