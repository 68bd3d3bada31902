package dev.jdbcguard.benchmarks.e2e;

import dev.jdbcguard.benchmarks.Cycles;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The statement cycles of {@link Cycles} against a real MariaDB on loopback, raw Connector/J and the guard
 * interleaved: each operation is one cycle through each {@link Target} on the same server, timed separately (wall
 * clock and the thread's CPU clock), in alternating order ({@link Interleaving}). A busy machine slows both targets alike, so their ratio stays
 * measurable where two separate throughput runs differ by tens of percent. Run with {@code -t 1} and {@code -t 4}.
 *
 * <p>Per iteration, JMH reports the counters {@code rawNanos}, {@code guardNanos} (time spent in each target's
 * cycles), {@code rawCpuNanos}, {@code guardCpuNanos} (the benchmark threads' CPU time in them), {@code pairs}
 * (operations), {@code rawMedianNanos}, {@code guardMedianNanos} and
 * {@code medianDifferenceNanos} (see {@link Interleaving}), each summed over the threads;
 * {@code benchmarks/summarize.py} turns them into each target's microseconds per cycle and the guarded/raw
 * throughput ratio (rawNanos / guardNanos) with a confidence interval over iterations, and the same from the
 * medians. The primary score counts pairs per second; {@code gc.alloc.rate.norm} is the bytes of a pair (both
 * cycles).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndBenchmark {

    @Benchmark
    public void preparedQuery(Session session, Blackhole blackhole) throws SQLException {
        session.startPair();
        Cycles.preparedQuery(session.first(), session.firstId, blackhole);
        session.betweenCycles();
        Cycles.preparedQuery(session.second(), session.firstId, blackhole);
        session.endPair();
    }

    @Benchmark
    public void prepare(Session session, Blackhole blackhole) throws SQLException {
        session.startPair();
        Cycles.prepare(session.first(), blackhole);
        session.betweenCycles();
        Cycles.prepare(session.second(), blackhole);
        session.endPair();
    }

    @Benchmark
    public void execute(Session session, Blackhole blackhole) throws SQLException {
        session.startPair();
        Cycles.execute(session.first(), session.lookupSql, blackhole);
        session.betweenCycles();
        Cycles.execute(session.second(), session.lookupSql, blackhole);
        session.endPair();
    }

    /** {@link #execute} with a text neither target has run before, in each cycle of the pair. */
    @Benchmark
    public void executeNewText(Session session, Blackhole blackhole) throws SQLException {
        session.startPair();
        Cycles.executeNewText(session.first(), session.firstId, session.serial++, blackhole);
        session.betweenCycles();
        Cycles.executeNewText(session.second(), session.firstId, session.serial++, blackhole);
        session.endPair();
    }

    @Benchmark
    public void preparedUpdate(Session session, Blackhole blackhole) throws SQLException {
        session.startPair();
        Cycles.preparedUpdate(session.first(), session.firstId, session.name, blackhole);
        session.betweenCycles();
        Cycles.preparedUpdate(session.second(), session.firstId, session.name, blackhole);
        session.endPair();
    }

    @Benchmark
    public void batch(Session session, Blackhole blackhole) throws SQLException {
        session.startPair();
        Cycles.batch(session.first(), session.firstId, session.balance, blackhole);
        session.betweenCycles();
        Cycles.batch(session.second(), session.firstId, session.balance, blackhole);
        session.endPair();
    }
}
