package dev.jdbcguard.driver.query;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintCounterTest {

    @Test
    void equalFingerprintsCountTogetherEvenAsDifferentObjects() {
        FingerprintCounter counter = new FingerprintCounter();
        String cached = "select * from t where id = ?";

        counter.increment(cached, 0, 0);
        counter.increment(new String(cached), 0, 0);

        assertThat(counter.increment(cached, 0, 0)).isEqualTo(3);
    }

    @Test
    void countsSurviveGrowthAndAreClearedTogether() {
        FingerprintCounter counter = new FingerprintCounter();
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < 1000; i++) {
                assertThat(counter.increment("fp" + i, 0, 0)).isEqualTo(round);
            }
        }
        counter.clear();

        assertThat(counter.increment("fp7", 0, 0)).isEqualTo(1);
    }

    @Test
    void beyondTheCapacityTheTableStartsOverInsteadOfFailing() {
        FingerprintCounter counter = new FingerprintCounter();
        counter.increment("first", 0, 0);
        for (int i = 0; i < FingerprintCounter.MAX_CAPACITY; i++) {
            counter.increment("fp" + i, 0, 0);
        }

        assertThat(counter.increment("first", 0, 0)).isEqualTo(1);
    }

    @Test
    void aCountOlderThanItsWindowStartsAgain() {
        FingerprintCounter counter = new FingerprintCounter();
        counter.increment("q", 0, 100);
        counter.increment("q", 100, 100);

        assertThat(counter.increment("q", 101, 100)).isEqualTo(1);
        assertThat(counter.increment("q", 150, 100)).isEqualTo(2);
    }
}
