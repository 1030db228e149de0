package io.coursegen.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coursegen.gateway.ops.ThroughputWindow.Rates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ThroughputWindowTest {

    private final MovableClock clock = new MovableClock();
    private final ThroughputWindow window = new ThroughputWindow(Duration.ofMinutes(5), clock);

    @Test
    void ratesAreUnknownUntilTheReadingsSpanAFewSeconds() {
        assertThat(window.record(10, 5, 0)).isEqualTo(Rates.UNKNOWN);
        clock.advance(Duration.ofSeconds(3));

        assertThat(window.record(11, 5, 0)).isEqualTo(Rates.UNKNOWN);
    }

    @Test
    void ratesArePerMinuteOverTheSpanWatched() {
        window.record(10, 5, 1);
        clock.advance(Duration.ofSeconds(30));

        Rates rates = window.record(13, 7, 1);

        assertThat(rates.requestedPerMinute()).isCloseTo(6.0, within(1e-9));
        assertThat(rates.completedPerMinute()).isCloseTo(4.0, within(1e-9));
        assertThat(rates.failedPerMinute()).isCloseTo(0.0, within(1e-9));
        assertThat(rates.windowSeconds()).isEqualTo(30);
    }

    @Test
    void readingsOlderThanTheWindowAreForgotten() {
        window.record(0, 0, 0);
        for (int i = 1; i <= 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            window.record(100L * i, 0, 0);
        }

        Rates rates = window.record(1000, 0, 0);

        assertThat(rates.windowSeconds()).isEqualTo(300);
        assertThat(rates.requestedPerMinute()).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void aCounterThatFellStartsTheWindowAnew() {
        window.record(50, 40, 2);
        clock.advance(Duration.ofSeconds(30));

        assertThat(window.record(3, 1, 0)).as("storage-service restarted").isEqualTo(Rates.UNKNOWN);
        clock.advance(Duration.ofSeconds(30));
        assertThat(window.record(5, 1, 0).requestedPerMinute()).isCloseTo(4.0, within(1e-9));
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-11-29T05:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
