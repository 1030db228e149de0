package io.coursegen.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Expected values are what Prometheus' histogram_quantile gives for the same buckets. */
class BucketsTest {

    @Test
    void interpolatesLinearlyInsideTheBucketTheRankFallsIn() {
        Buckets buckets = buckets(new double[] {0.1, 0.5, 1, Double.POSITIVE_INFINITY}, new double[] {10, 60, 100, 100});

        // rank 50 lies in (0.1, 0.5]: 40 of its 50 observations -> 0.1 + 0.4 * 40/50
        assertThat(buckets.quantile(0.5)).isCloseTo(0.42, within(1e-9));
        // rank 95 lies in (0.5, 1]: 35 of its 40 observations
        assertThat(buckets.quantile(0.95)).isCloseTo(0.5 + 0.5 * 35 / 40, within(1e-9));
    }

    @Test
    void theLowestBucketStartsAtZero() {
        Buckets buckets = buckets(new double[] {2, Double.POSITIVE_INFINITY}, new double[] {4, 4});

        assertThat(buckets.quantile(0.5)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aRankInTheInfiniteBucketIsTheHighestFiniteBound() {
        Buckets buckets = buckets(new double[] {1, 5, Double.POSITIVE_INFINITY}, new double[] {1, 2, 10});

        assertThat(buckets.quantile(0.95)).isEqualTo(5.0);
    }

    @Test
    void nothingObservedOrNoInfiniteBucketIsUnknown() {
        assertThat(buckets(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {0, 0}).quantile(0.5)).isNull();
        assertThat(buckets(new double[] {1, 2}, new double[] {1, 2}).quantile(0.5)).isNull();
        assertThat(new Buckets().quantile(0.5)).isNull();
    }

    @Test
    void bucketsOfTheSameBoundFromSeveralSeriesAddUp() {
        Buckets buckets = buckets(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1, 2});
        buckets.add(1, 1);
        buckets.add(Double.POSITIVE_INFINITY, 2);

        // 4 observations, 2 at or below 1: the median is the bucket's upper bound
        assertThat(buckets.quantile(0.5)).isCloseTo(1.0, within(1e-9));
    }

    private static Buckets buckets(double[] bounds, double[] counts) {
        Buckets buckets = new Buckets();
        for (int i = 0; i < bounds.length; i++) {
            buckets.add(bounds[i], counts[i]);
        }
        return buckets;
    }
}
