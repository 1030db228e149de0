package io.coursegen.gateway.ops;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Cumulative histogram buckets by upper bound ({@code le}), and quantiles estimated from them the way
 * Prometheus' {@code histogram_quantile} does: linear interpolation inside the bucket the rank falls in, the
 * lowest bucket starting at 0, and the highest finite bound when the rank falls in {@code +Inf}. So the page's
 * p95 is the dashboards' p95 over the same counts.
 */
final class Buckets {

    private final NavigableMap<Double, Double> cumulative = new TreeMap<>();

    /** Adds a bucket's count; buckets of the same bound from several series add up. */
    void add(double upperBound, double count) {
        cumulative.merge(upperBound, count, Double::sum);
    }

    boolean isEmpty() {
        return cumulative.isEmpty();
    }

    /** @return null when there are no observations or no {@code +Inf} bucket */
    Double quantile(double q) {
        if (cumulative.isEmpty() || cumulative.lastKey() != Double.POSITIVE_INFINITY) {
            return null;
        }
        double total = cumulative.lastEntry().getValue();
        if (total <= 0) {
            return null;
        }
        double rank = q * total;
        double lowerBound = 0;
        double countBelow = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            // counts are cumulative; a scrape between two increments never makes them fall
            double count = Math.max(bucket.getValue(), countBelow);
            if (count >= rank) {
                if (bucket.getKey() == Double.POSITIVE_INFINITY) {
                    return lowerBound;
                }
                double inBucket = count - countBelow;
                if (inBucket <= 0) {
                    return bucket.getKey();
                }
                return lowerBound + (bucket.getKey() - lowerBound) * ((rank - countBelow) / inBucket);
            }
            lowerBound = bucket.getKey();
            countBelow = count;
        }
        return lowerBound;
    }
}
