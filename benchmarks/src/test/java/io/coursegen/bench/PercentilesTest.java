package io.coursegen.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankPercentilesOfOneToHundredAreTheValuesThemselves() {
        Percentiles percentiles = Percentiles.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());

        assertThat(percentiles.percentile(50)).isEqualTo(50);
        assertThat(percentiles.percentile(99)).isEqualTo(99);
        assertThat(percentiles.percentile(99.9)).isEqualTo(100);
        assertThat(percentiles.max()).isEqualTo(100);
        assertThat(percentiles.count()).isEqualTo(100);
    }

    @Test
    void aPercentileIsAlwaysOneOfTheMeasuredValues() {
        Percentiles percentiles = Percentiles.of(new long[] {30, 10, 20});

        assertThat(percentiles.percentile(1)).isEqualTo(10);
        assertThat(percentiles.percentile(34)).isEqualTo(20);
        assertThat(percentiles.percentile(50)).isEqualTo(20);
        assertThat(percentiles.percentile(67)).isEqualTo(30);
        assertThat(Percentiles.of(new long[] {7}).percentile(99)).isEqualTo(7);
    }

    @Test
    void p99OfAThousandLatenciesIgnoresOnlyTheTenSlowest() {
        long[] latencies = LongStream.rangeClosed(1, 1000).map(i -> i > 990 ? 10_000 : 5).toArray();

        assertThat(Percentiles.of(latencies).percentile(99)).isEqualTo(5);
        assertThat(Percentiles.of(latencies).percentile(99.1)).isEqualTo(10_000);
    }

    @Test
    void leavesTheCallersArrayUnsorted() {
        long[] values = {3, 1, 2};

        Percentiles.of(values);

        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Percentiles.median(14.9, 14.2, 15.3)).isEqualTo(14.9);
        assertThat(Percentiles.median(4, 1, 3, 2)).isEqualTo(2.5);
    }

    @Test
    void refusesPercentilesOutsideZeroToHundredAndEmptySets() {
        assertThatThrownBy(() -> Percentiles.of(new long[] {1}).percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(new long[] {1}).percentile(101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(new long[0]).percentile(50)).isInstanceOf(IllegalStateException.class);
    }
}
