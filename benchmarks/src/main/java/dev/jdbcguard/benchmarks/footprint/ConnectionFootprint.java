package dev.jdbcguard.benchmarks.footprint;

import dev.jdbcguard.benchmarks.e2e.LoopbackServer;
import dev.jdbcguard.benchmarks.e2e.Target;
import dev.jdbcguard.benchmarks.stub.StubDriver;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The heap an open connection and an open prepared statement retain, raw and guarded: open {@code n} of them, keep
 * them reachable, and read the heap in use after full collections before and after. Connections are measured twice:
 * idle (just opened) and used (each has run {@link #USED} distinct statements), because the guard may allocate a
 * connection's memos at its first statement and an idle figure alone would count that as a saving. The figure is the slope (bytes
 * per extra object), so whatever the first connection sets up once (the guard's engine, its caches, loaded classes)
 * is left out: it is measured after a few warm-up objects. The guard's share is guarded minus raw, since each guarded
 * connection holds a raw one. The guard runs its production profile, with {@code conn.cap} raised above what the
 * harness holds open.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.jdbcguard.benchmarks.footprint.ConnectionFootprint
 * [stub|server] [connections] [statements] [rounds]}: over the stub driver (no I/O, tiny connections: the guard's own
 * bytes stand out) or a loopback MariaDB through Connector/J (the share of a real connection); defaults
 * {@code stub 2000 2000 5} and {@code server 100 2000 5}. Prints each round and the median per object.
 */
public final class ConnectionFootprint {

    private static final int WARM_UP = 5;
    private static final String PREPARED = "SELECT id, name, balance FROM account WHERE id BETWEEN ? AND ?";
    /** What a used connection has run: three distinct texts on the seeded table (memo entries, N+1 counts, plans). */
    private static final List<String> USED = List.of(
            "SELECT id, name, balance FROM account WHERE id = 1",
            "SELECT id, balance FROM account WHERE id BETWEEN 2 AND 3 ORDER BY id",
            "SELECT name FROM account WHERE id IN (4, 5)");

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    private ConnectionFootprint() {
    }

    /** How the harness opens one connection of each kind. */
    private interface Opener {
        Connection open(boolean guarded) throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        boolean server = args.length > 0 && args[0].equals("server");
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : server ? 100 : 2000;
        int statements = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        ConnectionFootprint harness = new ConnectionFootprint();
        // production, with room for every connection the harness holds open at once
        Path rules = Files.createTempFile("footprint-rules", ".yaml");
        Files.writeString(rules, "extends: production\nrules:\n  conn.cap: {max: " + (2 * connections + 100) + "}\n");
        if (server) {
            LoopbackServer loopback = new LoopbackServer();
            loopback.start();
            try {
                harness.measure("server", guarded -> guarded
                        ? DriverManager.getConnection(loopback.guardUrl(), guardSettings(loopback.login(), rules))
                        : Target.RAW.connect(loopback), connections, statements, rounds);
            } finally {
                loopback.stop();
            }
        } else {
            String stub = StubDriver.URL_PREFIX + "//localhost:3306/bench";
            harness.measure("stub", guarded -> guarded
                    ? DriverManager.getConnection("jdbc:guard:" + stub.substring("jdbc:".length()),
                            guardSettings(new Properties(), rules))
                    : DriverManager.getConnection(stub), connections, statements, rounds);
        }
        Files.delete(rules);
    }

    private static Properties guardSettings(Properties login, Path rules) {
        login.setProperty("guard.rules", rules.toString());
        return login;
    }

    private void measure(String where, Opener opener, int connections, int statements, int rounds) throws Exception {
        long[][] perConnection = new long[2][rounds];
        long[][] perUsedConnection = new long[2][rounds];
        long[][] perStatement = new long[2][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int kind = 0; kind < 2; kind++) {
                boolean guarded = kind == 1;
                perConnection[kind][round] = connectionSlope(opener, guarded, connections, false);
                perUsedConnection[kind][round] = connectionSlope(opener, guarded, connections, true);
                perStatement[kind][round] = statementSlope(opener, guarded, statements);
                System.out.printf(Locale.ROOT, "%s round %d %-5s: %,7d B per open connection, %,7d B per used"
                                + " connection, %,6d B per open prepared statement%n", where, round,
                        guarded ? "guard" : "raw", perConnection[kind][round], perUsedConnection[kind][round],
                        perStatement[kind][round]);
            }
        }
        report(where, "open connection", perConnection);
        report(where, "used connection (" + USED.size() + " statements run)", perUsedConnection);
        report(where, "open prepared statement", perStatement);
    }

    private static void report(String where, String what, long[][] slopes) {
        long raw = median(slopes[0]);
        long guard = median(slopes[1]);
        System.out.printf(Locale.ROOT, "%s, per %s (median of %d rounds, range): raw %,d B (%,d to %,d), guard %,d B (%,d"
                        + " to %,d), the guard's own %,d B%n", where, what, slopes[0].length, raw, min(slopes[0]),
                max(slopes[0]), guard, min(slopes[1]), max(slopes[1]), guard - raw);
    }

    /** Bytes retained per open connection, past {@link #WARM_UP} connections; {@code used}: each ran {@link #USED}. */
    private long connectionSlope(Opener opener, boolean guarded, int n, boolean used) throws Exception {
        List<Connection> open = new ArrayList<>(WARM_UP + n);
        try {
            for (int i = 0; i < WARM_UP; i++) {
                open.add(opened(opener, guarded, used));
            }
            long before = usedAfterCollection();
            for (int i = 0; i < n; i++) {
                open.add(opened(opener, guarded, used));
            }
            return (usedAfterCollection() - before) / n;
        } finally {
            for (Connection connection : open) {
                connection.close();
            }
        }
    }

    private static Connection opened(Opener opener, boolean guarded, boolean used) throws SQLException {
        Connection connection = opener.open(guarded);
        if (used) {
            for (String sql : USED) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }
        }
        return connection;
    }

    /** Bytes retained per open prepared statement on one connection, past {@link #WARM_UP} statements. */
    private long statementSlope(Opener opener, boolean guarded, int n) throws Exception {
        try (Connection connection = opener.open(guarded)) {
            List<PreparedStatement> open = new ArrayList<>(WARM_UP + n);
            for (int i = 0; i < WARM_UP; i++) {
                open.add(connection.prepareStatement(PREPARED));
            }
            long before = usedAfterCollection();
            for (int i = 0; i < n; i++) {
                open.add(connection.prepareStatement(PREPARED));
            }
            long slope = (usedAfterCollection() - before) / n;
            for (PreparedStatement statement : open) {
                statement.close();
            }
            return slope;
        }
    }

    private long usedAfterCollection() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long min(long[] values) {
        return java.util.Arrays.stream(values).min().orElseThrow();
    }

    private static long max(long[] values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }
}
