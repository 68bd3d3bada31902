package dev.jdbcguard.benchmarks.e2e;

import dev.jdbcguard.benchmarks.Cycles;
import java.sql.Connection;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * One benchmark thread's connection to the {@link LoopbackServer} and the inputs of its cycles. Each thread
 * writes only the rows it owns, so concurrent threads never wait on each other's row locks. Subclasses are the
 * thread-scoped JMH states and choose the {@link Target}.
 */
public abstract class ThreadConnection {

    Connection connection;
    long firstId;
    String lookupSql;
    // Inputs live in non-final fields so the JIT cannot fold them into constants.
    String name = "renamed";
    int balance = 7;

    final void open(Target target, LoopbackServer server, ThreadParams thread) throws SQLException {
        if (thread.getThreadIndex() >= LoopbackServer.MAX_THREADS) {
            throw new IllegalStateException("at most " + LoopbackServer.MAX_THREADS + " threads have rows of their own");
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
