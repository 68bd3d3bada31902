package dev.jdbcguard.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.jdbcguard.driver.connections.AllLogs;
import dev.jdbcguard.testdb.DedicatedServer;
import dev.jdbcguard.testdb.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code check} on a server of its own with performance_schema, the binary log and the general log on, and a
 * workload planted on it: a full scan of a 2,000-row table, a tiny-table scan (which must not be reported), a slow
 * statement, a transaction left open, and {@code max_connections} lowered under the open connections. The check runs
 * as a login with only SELECT and PROCESS, and the general log proves it sent nothing but SELECT and SHOW.
 * Subclasses say which server family it runs on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CheckWorkloadContract {

    private static final Logger LOG = LoggerFactory.getLogger(CheckWorkloadContract.class);
    static final String[] SERVER_OPTIONS = {
            "--performance-schema=ON", "--log-bin=binlog", "--binlog-format=ROW", "--binlog-expire-logs-seconds=604800",
            "--general-log=ON", "--log-output=TABLE", "--max-connections=100"};

    private DedicatedServer server;
    private String unavailable;
    private TestDatabase db;
    private TestDatabase.Credentials reader;
    private Connection openTransaction;
    private Path rules;

    /** The dedicated server, or empty with {@link #unavailableReason()} when this machine cannot run it. */
    abstract Optional<DedicatedServer> start(String... options);

    abstract String unavailableReason();

    @BeforeAll
    void plant(@TempDir Path dir) throws SQLException, IOException, InterruptedException {
        server = start(SERVER_OPTIONS).orElse(null);
        if (server == null) {
            unavailable = unavailableReason();
            return;
        }
        db = server.database();
        reader = new TestDatabase.Credentials("check_reader", "r-" + System.nanoTime());
        try (Connection admin = db.adminConnection(); Statement sql = admin.createStatement()) {
            for (String host : new String[] {"%", "localhost"}) {
                sql.execute("CREATE USER 'check_reader'@'" + host + "' IDENTIFIED BY '" + reader.password() + "'");
                sql.execute("GRANT SELECT, PROCESS ON *.* TO 'check_reader'@'" + host + "'");
            }
            sql.execute("USE " + db.database());
            sql.execute("CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(20) NOT NULL) CHARACTER SET utf8mb4");
            sql.execute("CREATE TABLE tiny (id INT PRIMARY KEY, label VARCHAR(20)) CHARACTER SET utf8mb4");
            sql.execute("INSERT INTO tiny VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
        try (Connection app = DriverPlain.connect(db, db.app())) {
            app.setAutoCommit(false);
            try (PreparedStatement insert = app.prepareStatement("INSERT INTO orders (id, note) VALUES (?, ?)")) {
                for (int i = 1; i <= 2000; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "n" + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            app.commit();
            app.setAutoCommit(true);
            try (Statement sql = app.createStatement()) {
                // The planted workload: a full scan of 2,000 rows three times, a tiny-table scan, a slow statement.
                for (int i = 0; i < 3; i++) {
                    sql.executeQuery("SELECT id FROM orders WHERE note = 'n1999'").close();
                }
                sql.executeQuery("SELECT id FROM tiny WHERE label = 'b'").close();
                sql.executeQuery("SELECT SLEEP(0.4)").close();
            }
        }
        openTransaction = DriverPlain.connect(db, db.app());
        openTransaction.setAutoCommit(false);
        try (Statement sql = openTransaction.createStatement()) {
            sql.executeUpdate("UPDATE orders SET note = 'held' WHERE id = 7");
        }
        rules = dir.resolve("rules.yaml");
        Files.writeString(rules, String.join("\n",
                "extends: production",
                "rules:",
                "  tx.long:",
                "    threshold: 1s",
                "  query.slow:",
                "    threshold: 200ms",
                ""));
        // The transaction must be older than tx.long's threshold, which the server counts in whole seconds.
        Thread.sleep(2_100);
    }

    @BeforeEach
    void requireServer(TestInfo test) {
        if (server == null) {
            LOG.warn("SKIPPED {}: {}", test.getDisplayName(), unavailable);
            abort(unavailable);
        }
    }

    @AfterAll
    void stop() throws SQLException {
        if (openTransaction != null) {
            openTransaction.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private String guardUrl(Path rules) {
        return "jdbc:guard:mysql://" + db.host() + ":" + db.port() + "/" + db.database()
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&guard.rules=" + rules;
    }

    private static java.util.Properties login(TestDatabase.Credentials who) {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", who.user());
        login.setProperty("password", who.password());
        return login;
    }

    /** The guard's reads of Threads_connected on the server, from the general log (its own connection's login). */
    private List<String> headroomReads(String user) throws SQLException {
        List<String> reads = new ArrayList<>();
        try (Connection admin = db.adminConnection();
             PreparedStatement sql = admin.prepareStatement("SELECT argument FROM mysql.general_log"
                     + " WHERE command_type = 'Query' AND user_host LIKE ? AND argument LIKE 'SHOW GLOBAL STATUS LIKE%'")) {
            sql.setString(1, user + "[%");
            try (ResultSet rows = sql.executeQuery()) {
                while (rows.next()) {
                    reads.add(rows.getString(1));
                }
            }
        }
        return reads;
    }

    /** Polls {@code read} until it is non-empty or ten seconds have passed (the guard works on its own threads). */
    private static <T> List<T> await(java.util.concurrent.Callable<List<T>> read) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        List<T> seen = read.call();
        while (seen.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = read.call();
        }
        return seen;
    }

    @Test
    void theFleetsUnindexedAndSlowShapesAndTheOpenTransactionAreReported() {
        CheckRun run = CheckRun.as(db, reader, db.database(), "--rules", rules.toString());
        ReportItems items = ReportItems.text(run.out());

        assertThat(items.status("unindexed-digests")).as(run.toString()).isEqualTo("WARN");
        String unindexed = items.block("unindexed-digests").toLowerCase(Locale.ROOT);
        assertThat(unindexed).contains("1 statement shape(s) run without a usable index", "3 call(s)",
                "2000 rows examined vs 1 sent per call", "from `orders` where `note` = ?")
                // The tiny table is scanned too, but under query.unindexed min-rows; the check's own reads of
                // information_schema are monitoring, not the application.
                .contains("scanning fewer than 1000 rows per call left out")
                .doesNotContain("`tiny`", "information_schema");
        assertThat(items.status("slow-digests")).isEqualTo("WARN");
        assertThat(items.block("slow-digests").toLowerCase(Locale.ROOT)).contains("over 200 ms", "sleep");
        assertThat(items.status("long-transactions")).isEqualTo("WARN");
        assertThat(items.block("long-transactions")).contains("1 transaction(s) open for 1 s or more",
                db.app().user() + "@", "1 row lock(s)", "idle in transaction");
    }

    @Test
    void theServerItemsReadThisServersSettings() {
        CheckRun run = CheckRun.as(db, reader, db.database());
        ReportItems items = ReportItems.text(run.out());

        assertThat(items.status("monitoring")).as(run.toString()).isEqualTo("PASS");
        assertThat(items.status("backups")).isEqualTo("PASS");
        assertThat(items.block("backups")).contains("log_bin=ON", "binlog_format=ROW", "168 h");
        // Started without TLS on purpose.
        assertThat(items.status("tls")).isEqualTo("FAIL");
        assertThat(items.block("tls")).contains("the server offers no TLS", "this session: not encrypted");
        for (String id : new String[] {"primary-keys", "engines", "charsets", "foreign-keys"}) {
            assertThat(items.status(id)).as(id + " in\n" + run).isEqualTo("PASS");
        }
    }

    @Test
    void aServerNearMaxConnectionsFailsTheConnectionsItemNamingBothNumbers() throws SQLException {
        List<Connection> held = new ArrayList<>();
        try (Connection admin = db.adminConnection(); Statement sql = admin.createStatement()) {
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(DriverPlain.connect(db, db.app()));
                }
                // Room for the check's own connection and one more: it sees (open + 1) of (open + 2), over 80 %.
                long open = threadsConnected(admin);
                sql.execute("SET GLOBAL max_connections = " + (open + 2));
                CheckRun run = CheckRun.as(db, reader, db.database(), "--format", "json");
                ReportItems items = ReportItems.json(run.out());

                assertThat(run.exit()).as(run.toString()).isEqualTo(Check.FAILED);
                assertThat(items.status("connections")).as(run.toString()).isEqualTo("fail");
                assertThat(items.block("connections"))
                        .contains("\"" + (open + 1) + " of max_connections " + (open + 2) + " connections are open")
                        .contains("max_connections=" + (open + 2) + ", Threads_connected=" + (open + 1));
            } finally {
                sql.execute("SET GLOBAL max_connections = 100");
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }

    private static long threadsConnected(Connection admin) throws SQLException {
        try (Statement sql = admin.createStatement();
             ResultSet row = sql.executeQuery("SHOW GLOBAL STATUS LIKE 'Threads_connected'")) {
            row.next();
            return row.getLong(2);
        }
    }

    @Test
    void theRunningGuardWarnsWhenTheServerNearsMaxConnectionsNamingBothNumbers(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("headroom.yaml"), String.join("\n",
                "extends: production",
                "rules:",
                "  tls: off",
                "  conn.server-headroom: {action: warn, interval: 1s}",
                ""));
        List<Connection> held = new ArrayList<>();
        try (Connection admin = db.adminConnection(); Statement sql = admin.createStatement();
             AllLogs logs = new AllLogs()) {
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(DriverPlain.connect(db, db.app()));
                }
                // Room for the guarded connection and the guard's own: (open + 2) of (open + 3), over 80 %.
                long open = threadsConnected(admin);
                long max = open + 3;
                sql.execute("SET GLOBAL max_connections = " + max);
                try (Connection guarded = DriverManager.getConnection(guardUrl(rules), login(db.app()))) {
                    guarded.createStatement().executeQuery("SELECT 1").close();
                    List<String> lines = await(() -> logs.from("jdbcguard.conn.server-headroom"));
                    assertThat(lines).as("the headroom warning").isNotEmpty();
                    assertThat(lines.get(0)).contains("the server has " + (open + 2) + " connections open of max_connections "
                                    + max + " (")
                            .contains("the rule's limit is 80 %");
                }
            } finally {
                sql.execute("SET GLOBAL max_connections = 100");
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void theRunningGuardReadsTheServerAtMostOncePerIntervalAndStaysQuietWithRoomLeft(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("quiet.yaml"), String.join("\n",
                "extends: production",
                "rules:",
                "  tls: off",
                "  conn.server-headroom: {action: warn, interval: 1h}",
                ""));
        try (AllLogs logs = new AllLogs();
             Connection guarded = DriverManager.getConnection(guardUrl(rules), login(reader))) {
            int before = headroomReads(reader.user()).size();
            guarded.createStatement().executeQuery("SELECT 1").close();
            // The guard's sweep runs every second: over three of them, one read (the interval is an hour).
            await(() -> headroomReads(reader.user()).size() > before ? List.of(true) : List.of());
            Thread.sleep(3_000);
            assertThat(headroomReads(reader.user())).as("reads within the interval").hasSize(before + 1);
            assertThat(logs.from("jdbcguard.conn.server-headroom")).as("100 connections allowed, a few open").isEmpty();
        }
    }

    @Test
    void theCheckSentOnlySelectAndShow() throws SQLException {
        CheckRun run = CheckRun.as(db, reader, db.database(), "--format", "html");
        assertThat(run.out()).startsWith("<!DOCTYPE html>").contains("<tr id=\"unindexed-digests\">");

        List<String> sent = new ArrayList<>();
        try (Connection admin = db.adminConnection(); Statement sql = admin.createStatement();
             ResultSet rows = sql.executeQuery("SELECT argument FROM mysql.general_log WHERE command_type = 'Query'"
                     + " AND user_host LIKE 'check\\_reader[%' ORDER BY event_time")) {
            while (rows.next()) {
                sent.add(rows.getString(1));
            }
        }
        assertThat(sent).as("statements of the check's login in the general log").isNotEmpty();
        for (String statement : sent) {
            // Connector/J prefixes its own set-up query with a comment naming itself.
            String upper = statement.replaceFirst("^\\s*/\\*.*?\\*/", "").stripLeading().toUpperCase(Locale.ROOT);
            boolean reads = upper.startsWith("SELECT") || upper.startsWith("SHOW");
            // Connector/J's own session set-up (SET NAMES, character_set_results, autocommit) changes nothing stored.
            boolean driverSession = upper.startsWith("SET ") && !upper.contains("GLOBAL") && !upper.contains("PERSIST");
            assertThat(reads || driverSession).as("check sent: " + statement + "\nall: " + sent).isTrue();
        }
        assertThat(sent).anyMatch(s -> s.contains("information_schema.INNODB_TRX"))
                .anyMatch(s -> s.contains("events_statements_summary_by_digest"));
    }
}
