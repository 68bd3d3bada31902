package dev.jdbcguard.benchmarks.e2e;

import dev.jdbcguard.benchmarks.Cycles;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The statement cycles of {@link Cycles} against a real MariaDB on loopback, through raw Connector/J or through
 * the guard, one {@link Target} per fork: absolute throughput. Run with {@code -t 1} and {@code -t 4}. Forks run
 * one after the other, so a change in the machine's load lands on one target only; {@link EndToEndRatioBenchmark}
 * gives the guarded/raw ratio without that noise.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndBenchmark {

    @State(Scope.Thread)
    public static class Session extends ThreadConnection {

        @Param
        Target target;

        @Setup(Level.Trial)
        public void open(LoopbackServer server, ThreadParams thread) throws SQLException {
            open(target, server, thread);
        }
    }

    @Benchmark
    public void preparedQuery(Session session, Blackhole blackhole) throws SQLException {
        Cycles.preparedQuery(session.connection, session.firstId, blackhole);
    }

    @Benchmark
    public void execute(Session session, Blackhole blackhole) throws SQLException {
        Cycles.execute(session.connection, session.lookupSql, blackhole);
    }

    @Benchmark
    public void preparedUpdate(Session session, Blackhole blackhole) throws SQLException {
        Cycles.preparedUpdate(session.connection, session.firstId, session.name, blackhole);
    }

    @Benchmark
    public void batch(Session session, Blackhole blackhole) throws SQLException {
        Cycles.batch(session.connection, session.firstId, session.balance, blackhole);
    }
}
