package dev.jdbcguard.driver.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.driver.connections.ConnectionLimits.ChurnLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sliding window on a clock the test controls (nanoTime values may be negative). */
class ChurnMeterTest {

    private static final long MS = 1_000_000L;

    @Test
    void reportsTheOpenThatExceedsTheRateThenStaysQuietForOneWindow() {
        for (long origin : new long[] {Long.MIN_VALUE / 2, -5 * MS, 0, Long.MAX_VALUE / 2}) {
            ChurnMeter meter = new ChurnMeter(new ChurnLimit(3, Duration.ofMillis(100)));
            assertThat(meter.record(origin)).isEqualTo(-1);
            assertThat(meter.record(origin + 10 * MS)).isEqualTo(-1);
            assertThat(meter.record(origin + 20 * MS)).isEqualTo(-1);
            assertThat(meter.record(origin + 30 * MS)).as("4th open within 100 ms").isEqualTo(30 * MS);
            assertThat(meter.record(origin + 40 * MS)).as("same window: already reported").isEqualTo(-1);
            assertThat(meter.record(origin + 125 * MS)).isEqualTo(-1);
            assertThat(meter.record(origin + 126 * MS)).isEqualTo(-1);
            assertThat(meter.record(origin + 127 * MS)).as("4 opens within 87 ms, but quiet until 130 ms").isEqualTo(-1);
            assertThat(meter.record(origin + 131 * MS)).as("next window: 4 opens within 6 ms").isEqualTo(6 * MS);
        }
    }

    @Test
    void opensSpreadWiderThanTheWindowNeverReport() {
        ChurnMeter meter = new ChurnMeter(new ChurnLimit(2, Duration.ofMillis(100)));
        for (int i = 0; i < 50; i++) {
            assertThat(meter.record(i * 51 * MS)).isEqualTo(-1); // any 3 opens span 102 ms
        }
    }
}
