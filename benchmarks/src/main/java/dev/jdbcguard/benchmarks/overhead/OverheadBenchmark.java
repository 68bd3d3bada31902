package dev.jdbcguard.benchmarks.overhead;

import dev.jdbcguard.benchmarks.Cycles;
import java.sql.Connection;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of each {@link Layer} per statement cycle, in process, against the stub driver (no I/O). The stub
 * allocates nothing, so each layer's bytes/op ({@code -prof gc}) is what that layer adds, and its time minus
 * {@link Layer#RAW}'s is its overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OverheadBenchmark {

    @Param
    Layer layer;

    // Inputs live in non-final fields so the JIT cannot fold them into constants.
    long firstId = 1;
    String name = "ada";
    int balance = 100;
    String lookupSql = Cycles.lookupSql(1);
    long serial;

    private Connection connection;

    @Setup(Level.Trial)
    public void connect() throws SQLException {
        connection = layer.connect();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        connection.close();
    }

    @Benchmark
    public void preparedQuery(Blackhole blackhole) throws SQLException {
        Cycles.preparedQuery(connection, firstId, blackhole);
    }

    @Benchmark
    public void prepare(Blackhole blackhole) throws SQLException {
        Cycles.prepare(connection, blackhole);
    }

    @Benchmark
    public void execute(Blackhole blackhole) throws SQLException {
        Cycles.execute(connection, lookupSql, blackhole);
    }

    /** {@link #execute} with a text new at every call: a miss of every cache the layer has. */
    @Benchmark
    public void executeNewText(Blackhole blackhole) throws SQLException {
        Cycles.executeNewText(connection, firstId, serial++, blackhole);
    }

    @Benchmark
    public void preparedUpdate(Blackhole blackhole) throws SQLException {
        Cycles.preparedUpdate(connection, firstId, name, blackhole);
    }

    @Benchmark
    public void batch(Blackhole blackhole) throws SQLException {
        Cycles.batch(connection, firstId, balance, blackhole);
    }
}
