package dev.jdbcguard.benchmarks.e2e;

import dev.jdbcguard.benchmarks.Cycles;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The statement cycles of {@link Cycles} against a real MariaDB on loopback (the test harness's throwaway
 * server, started once per fork), through raw Connector/J and through the guard. Run with {@code -t 1} and
 * {@code -t 4}; the guarded/raw ratio of the throughputs is the number that matters.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndBenchmark {

    /** Threads the seeded rows can serve without two threads writing the same row. */
    static final int MAX_THREADS = 64;

    /** The server and its seeded table, shared by every thread of a fork. */
    @State(Scope.Benchmark)
    public static class Server {

        TestServers servers;
        TestDatabase database;

        @Setup(Level.Trial)
        public void start() throws SQLException {
            servers = new TestServers();
            database = servers.primary();
            try (Connection admin = database.adminConnection(); Statement ddl = admin.createStatement()) {
                admin.setCatalog(database.database());
                ddl.execute("DROP TABLE IF EXISTS account");
                ddl.execute(Cycles.SCHEMA);
                try (PreparedStatement insert =
                        admin.prepareStatement("INSERT INTO account (id, name, balance) VALUES (?, ?, 0)")) {
                    for (long id = 1; id <= (long) MAX_THREADS * Cycles.ROWS_PER_THREAD; id++) {
                        insert.setLong(1, id);
                        insert.setString(2, "account " + id);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            servers.close();
        }
    }

    /** One connection per benchmark thread, writing only the rows that thread owns. */
    @State(Scope.Thread)
    public static class Session {

        @Param
        Target target;

        Connection connection;
        long firstId;
        String lookupSql;
        String name = "renamed";
        int balance = 7;

        @Setup(Level.Trial)
        public void open(Server server, ThreadParams thread) throws SQLException {
            if (thread.getThreadIndex() >= MAX_THREADS) {
                throw new IllegalStateException("at most " + MAX_THREADS + " threads have rows of their own");
            }
            firstId = 1 + (long) thread.getThreadIndex() * Cycles.ROWS_PER_THREAD;
            lookupSql = Cycles.lookupSql(firstId);
            connection = target.connect(server.database);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            connection.close();
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
