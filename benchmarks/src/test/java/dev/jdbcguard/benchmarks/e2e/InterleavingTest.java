package dev.jdbcguard.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each cycle's time goes to the target that ran it, whatever the order, and the order swaps every pair. */
class InterleavingTest {

    @Test
    void swapsTheOrderEveryPair() {
        Interleaving interleaving = new Interleaving();
        assertThat(interleaving.first()).isEqualTo(Target.RAW);
        assertThat(interleaving.second()).isEqualTo(Target.GUARD);
        interleaving.completed(0, 1, 2);
        assertThat(interleaving.first()).isEqualTo(Target.GUARD);
        assertThat(interleaving.second()).isEqualTo(Target.RAW);
        interleaving.completed(0, 1, 2);
        assertThat(interleaving.first()).isEqualTo(Target.RAW);
    }

    @Test
    void chargesEachCycleToTheTargetThatRanIt() {
        Interleaving interleaving = new Interleaving();
        interleaving.completed(100, 130, 150); // RAW 30, GUARD 20
        interleaving.completed(200, 207, 210); // GUARD 7, RAW 3
        assertThat(interleaving.rawNanos()).isEqualTo(33);
        assertThat(interleaving.guardNanos()).isEqualTo(27);
        assertThat(interleaving.pairs()).isEqualTo(2);
    }

    @Test
    void chargesCpuTimeLikeWallTime() {
        Interleaving interleaving = new Interleaving();
        interleaving.cpu(0, 4, 5); // RAW 4, GUARD 1
        interleaving.completed(0, 10, 12);
        interleaving.cpu(0, 2, 10); // GUARD 2, RAW 8
        interleaving.completed(0, 10, 12);
        assertThat(interleaving.rawCpuNanos()).isEqualTo(12);
        assertThat(interleaving.guardCpuNanos()).isEqualTo(3);
    }

    @Test
    void mediansComeFromThePairs() {
        Interleaving interleaving = new Interleaving();
        interleaving.completed(0, 100, 110); // RAW 100, GUARD 10
        interleaving.completed(0, 30, 50); // GUARD 30, RAW 20
        interleaving.completed(0, 40, 90); // RAW 40, GUARD 50
        assertThat(interleaving.rawMedianNanos()).isEqualTo(40);
        assertThat(interleaving.guardMedianNanos()).isEqualTo(30);
        assertThat(interleaving.medianDifferenceNanos()).isEqualTo(10); // -90, 10, 10
    }

    @Test
    void resetZeroesTheTotalsButKeepsTheOrderGoing() {
        Interleaving interleaving = new Interleaving();
        interleaving.cpu(0, 1, 2);
        interleaving.completed(0, 5, 9);
        interleaving.reset();
        assertThat(interleaving.rawNanos()).isZero();
        assertThat(interleaving.rawCpuNanos()).isZero();
        assertThat(interleaving.rawMedianNanos()).isZero();
        assertThat(interleaving.guardNanos()).isZero();
        assertThat(interleaving.pairs()).isZero();
        assertThat(interleaving.first()).isEqualTo(Target.GUARD);
    }
}
