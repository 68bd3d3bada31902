package dev.jdbcguard.benchmarks.e2e;

import dev.jdbcguard.benchmarks.Cycles;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The test harness's throwaway MariaDB on loopback (with TLS), started once per fork through
 * {@link TestServers} (the harness's entry point outside JUnit), with the {@link Cycles#SCHEMA} table seeded
 * with {@link #MAX_THREADS} x {@link Cycles#ROWS_PER_THREAD} rows, and moved to CPUs of its own when
 * {@value ServerPinning#VARIABLE} says so; stopped and deleted at the end of the fork. Both targets of a fork
 * talk to this one server.
 */
@State(Scope.Benchmark)
public class LoopbackServer {

    /** Threads the seeded rows can serve without two threads writing the same row. */
    static final int MAX_THREADS = 64;

    private TestServers servers;
    private TestDatabase database;

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
            Optional<String> cpus = ServerPinning.requested();
            if (cpus.isPresent()) {
                ServerPinning.pin(admin, cpus.get());
            }
        }
    }

    /** Connector/J's URL of the seeded database. */
    public String mysqlUrl() {
        return database.mysqlUrl("");
    }

    /** The guard's URL ({@code jdbc:guard:mysql:}) of the seeded database. */
    public String guardUrl() {
        return database.guardUrl("");
    }

    /** How every benchmark connection logs in: as the application user over verified TLS. */
    public Properties login() {
        return database.tls("VERIFY_IDENTITY", database.app());
    }

    @TearDown(Level.Trial)
    public void stop() {
        servers.close();
    }
}
