package dev.jdbcguard.driver.engine;

import static dev.jdbcguard.driver.engine.Guarded.adminCount;
import static dev.jdbcguard.driver.testing.Guarded.admin;
import static dev.jdbcguard.driver.engine.Guarded.connect;
import static dev.jdbcguard.driver.engine.Guarded.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.GuardDriver;
import dev.jdbcguard.driver.connections.AllLogs;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.driver.warnings.GuardWarning;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Statement rules through {@code jdbc:guard:mysql://} against the real server: what is blocked never
 * reaches it (the admin connection sees the table unchanged), what warns runs and carries its
 * {@code SQLWarning}, and the rule selection (profiles, rule file, hot reload) decides which is which.
 */
@ExtendWith(TestDatabaseExtension.class)
class StatementRulesE2eTest {

    private final TestDatabase db;

    StatementRulesE2eTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void tables() throws SQLException {
        admin(db, "DROP TABLE IF EXISTS e2e_items", "DROP TABLE IF EXISTS e2e_created",
                "CREATE TABLE e2e_items (id INT PRIMARY KEY, note VARCHAR(20))",
                "INSERT INTO e2e_items VALUES (1,'a'),(2,'b'),(3,'c')");
    }

    @Test
    void productionBlocksDdlBeforeItReachesTheServer() throws SQLException {
        try (Connection c = connect(db, ""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("ALTER TABLE e2e_items DROP COLUMN note"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> {
                        assertThat(e.ruleId()).isEqualTo("ddl.drop-column");
                        assertThat(e.getMessage()).startsWith("[jdbc-guard] ddl.drop-column: ALTER TABLE DROP COLUMN on e2e_items");
                        assertThat(e.getSQLState()).isEqualTo(GuardViolationException.SQL_STATE);
                    });
            assertThatThrownBy(() -> s.executeUpdate("DROP TABLE e2e_items"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> assertThat(e.ruleId()).isEqualTo("ddl.drop-table"));
            assertThatThrownBy(() -> c.prepareStatement("TRUNCATE TABLE e2e_items"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> assertThat(e.ruleId()).isEqualTo("ddl.truncate"));
            // A harmless first statement does not carry a destructive second one past the guard.
            assertThatThrownBy(() -> s.execute("SELECT 1; DROP TABLE e2e_items"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> assertThat(e.ruleId()).isEqualTo("ddl.drop-table"));
            // The connection stays usable after a refusal.
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM e2e_items")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(3);
            }
        }
        assertThat(adminCount(db, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name = 'e2e_items' AND column_name = 'note'")).isEqualTo(1);
        assertThat(adminCount(db, "SELECT COUNT(*) FROM e2e_items")).isEqualTo(3);
    }

    @Test
    void productionLetsSessionTablesAndJdbcCallEscapesThrough() throws SQLException {
        admin(db, "DROP PROCEDURE IF EXISTS e2e_note", "CREATE PROCEDURE e2e_note(IN item INT) SELECT note FROM e2e_items WHERE id = item");
        try (Connection c = connect(db, ""); Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE e2e_session_ids (id INT PRIMARY KEY)");
            s.executeUpdate("INSERT INTO e2e_session_ids SELECT id FROM e2e_items WHERE id < 3");
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM e2e_session_ids")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(2);
            }
            s.execute("DROP TEMPORARY TABLE IF EXISTS e2e_session_ids");
            assertThat(warnings(s.getWarnings())).isEmpty();
        }
        // the procedure is the admin's: the app may not read its parameter types, so Connector/J must not ask
        try (Connection c = connect(db, "noAccessToProcedureBodies=true")) {
            try (CallableStatement call = c.prepareCall("{call e2e_note(?)}")) {
                call.setInt(1, 2);
                try (ResultSet r = call.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo("b");
                }
                assertThat(warnings(call.getWarnings())).isEmpty();
            }
        }
    }

    @Test
    void productionBlocksDeleteWithoutWhereOnEveryPath() throws SQLException {
        try (Connection c = connect(db, ""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM e2e_items"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> {
                        assertThat(e.ruleId()).isEqualTo("dml.no-where");
                        assertThat(e.getMessage()).startsWith("[jdbc-guard] dml.no-where: DELETE without WHERE on e2e_items");
                    });
            assertThatThrownBy(() -> s.executeLargeUpdate("UPDATE e2e_items SET note = 'x' LIMIT 2"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> assertThat(e.ruleId()).isEqualTo("dml.no-where"));
            assertThatThrownBy(() -> s.addBatch("DELETE FROM e2e_items"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> assertThat(e.ruleId()).isEqualTo("dml.no-where"));
            assertThatThrownBy(() -> c.prepareStatement("UPDATE e2e_items SET note = ?"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> assertThat(e.ruleId()).isEqualTo("dml.no-where"));
            assertThat(s.executeUpdate("DELETE FROM e2e_items WHERE id = 3")).isEqualTo(1);
        }
        assertThat(adminCount(db, "SELECT COUNT(*) FROM e2e_items")).isEqualTo(2);
        assertThat(adminCount(db, "SELECT COUNT(*) FROM e2e_items WHERE note = 'x'")).isZero();
    }

    @Test
    void guardAllowLetsTheOneStatementThrough() throws SQLException {
        try (Connection c = connect(db, ""); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE /* guard:allow dml.no-where */ e2e_items SET note = 'all'")).isEqualTo(3);
            assertThat(warnings(s.getWarnings())).isEmpty();
            assertThatThrownBy(() -> s.executeUpdate("UPDATE e2e_items SET note = 'again'"))
                    .isInstanceOf(GuardViolationException.class);
        }
        assertThat(adminCount(db, "SELECT COUNT(*) FROM e2e_items WHERE note = 'all'")).isEqualTo(3);
    }

    @Test
    void warnLetsTheStatementRunAndPutsTheWarningOnTheStatement() throws SQLException {
        try (AllLogs logs = new AllLogs(); Connection c = connect(db, "guard.profile=development"); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("DELETE FROM e2e_items")).isEqualTo(3);

            // development also reports the full scan (query.unindexed); this test is about dml.no-where.
            assertThat(UnindexedE2eTest.ruleWarnings(s.getWarnings(), "dml.no-where")).singleElement().isInstanceOfSatisfying(GuardWarning.class, w -> {
                assertThat(w.getSQLState()).isEqualTo(GuardWarning.SQL_STATE);
                assertThat(w.getMessage()).startsWith("[jdbc-guard] dml.no-where WARN: DELETE without WHERE on e2e_items — ")
                        .contains(" Fix: ").contains("fingerprint=\"delete from e2e_items\"");
            });
            assertThat(logs.from("jdbcguard.dml.no-where ")).singleElement().asString()
                    .isEqualTo("jdbcguard.dml.no-where " + s.getWarnings().getMessage());
        }
        assertThat(adminCount(db, "SELECT COUNT(*) FROM e2e_items")).isZero();
    }

    @Test
    void theEnvironmentSelectsTheProfileWhenTheConnectionDoesNot() throws SQLException {
        try (Engines engines = new Engines(Map.of("JDBC_GUARD_PROFILE", "development"))) {
            GuardDriver driver = new GuardDriver(engines);
            try (Connection c = driver.connect(db.guardUrl(""), db.tls("VERIFY_IDENTITY", db.app()));
                 Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("DELETE FROM e2e_items")).isEqualTo(3);
                assertThat(UnindexedE2eTest.ruleWarnings(s.getWarnings(), "dml.no-where")).hasSize(1);
            }
            try (Connection c = driver.connect(db.guardUrl("guard.profile=production"), db.tls("VERIFY_IDENTITY", db.app()));
                 Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM e2e_items")).isInstanceOf(GuardViolationException.class);
            }
        }
    }

    @Test
    void preparedStatementKeepsItsJudgementAndWarnsAtEachExecution() throws SQLException {
        try (Connection c = connect(db, "guard.profile=development");
             PreparedStatement p = c.prepareStatement("UPDATE e2e_items SET note = ?")) {
            assertThat(warnings(c.getWarnings())).as("a prepare's warnings are reported when it runs").isEmpty();
            p.setString(1, "p1");
            assertThat(p.executeUpdate()).isEqualTo(3);
            assertThat(warnings(p.getWarnings())).extracting(w -> ((GuardWarning) w).ruleId()).containsExactly("dml.no-where");
            for (int i = 0; i < 3; i++) {
                p.setString(1, "p2");
                p.executeUpdate();
            }
            assertThat(warnings(p.getWarnings())).as("each execution clears the previous one's warnings").hasSize(1);
        }
        assertThat(adminCount(db, "SELECT COUNT(*) FROM e2e_items WHERE note = 'p2'")).isEqualTo(3);
    }

    @Test
    void migrationProfileAllowsDdlButNotDropDatabase() throws SQLException {
        try (Connection c = connect(db, "guard.profile=migration"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE e2e_created (id INT PRIMARY KEY)");
            s.execute("ALTER TABLE e2e_items ADD COLUMN extra INT NULL");
            assertThat(warnings(s.getWarnings())).isEmpty();
            assertThatThrownBy(() -> s.execute("DROP DATABASE " + db.database()))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> assertThat(e.ruleId()).isEqualTo("ddl.drop-database"));
        }
        assertThat(adminCount(db, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_name = 'e2e_created'")).isEqualTo(1);
        assertThat(adminCount(db, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name = 'e2e_items' AND column_name = 'extra'")).isEqualTo(1);
    }

    @Test
    void planetscaleProfileRefusesWhatVitessRejectsAndWarnsOnWhatItEmulates() throws SQLException {
        try (Connection c = connect(db, "guard.profile=planetscale"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT id INTO OUTFILE '/tmp/e2e-items.txt' FROM e2e_items"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> assertThat(e.ruleId()).isEqualTo("planetscale.into-outfile"));
            assertThatThrownBy(() -> s.execute("LOAD DATA LOCAL INFILE '/tmp/e2e-items.txt' INTO TABLE e2e_items"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> assertThat(e.ruleId()).isEqualTo("planetscale.load-data"));
            s.execute("LOCK TABLES e2e_items READ");
            assertThat(UnindexedE2eTest.ruleWarnings(s.getWarnings(), "planetscale.lock-tables")).hasSize(1);
            s.execute("UNLOCK TABLES");
            assertThat(warnings(s.getWarnings())).isEmpty();
            try (ResultSet r = s.executeQuery("SELECT id, @n := id * 2 FROM e2e_items WHERE id = 1")) {
                assertThat(r.next()).as("runs on MariaDB, with a warning that Vitess refuses it").isTrue();
            }
            assertThat(UnindexedE2eTest.ruleWarnings(s.getWarnings(), "planetscale.unsupported-syntax")).singleElement()
                    .satisfies(w -> assertThat(w.getMessage()).startsWith(
                            "[jdbc-guard] planetscale.unsupported-syntax WARN: variable assignment with := on e2e_items"));
        }
    }

    @Test
    void customRuleFileOverridesItsProfile() throws SQLException {
        Path rules = Guarded.rulesFile("""
                extends: production
                rules:
                  query.select-star: block
                  dml.no-where: warn
                  ddl.create-table: {action: block, ignore-tables: [e2e_created]}
                """);
        try (Connection c = connect(db, "guard.rules=" + rules); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM e2e_items"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> assertThat(e.ruleId()).isEqualTo("query.select-star"));
            s.execute("CREATE TABLE e2e_created (id INT PRIMARY KEY)");
            assertThat(s.executeUpdate("UPDATE e2e_items SET note = 'w'")).isEqualTo(3);
            assertThat(warnings(s.getWarnings())).extracting(w -> ((GuardWarning) w).ruleId()).containsExactly("dml.no-where");
        }
    }

    @Test
    void aBadRuleFileRefusesTheConnectionNamingLineAndColumn() {
        Path rules = Guarded.rulesFile("rules:\n  dml.no-wher: block\n");
        assertThatThrownBy(() -> connect(db, "guard.rules=" + rules).close())
                .isInstanceOf(SQLException.class)
                .hasMessageStartingWith("[jdbc-guard] cannot load the rules: " + rules + ":2:3: unknown rule id 'dml.no-wher'")
                .hasMessageContaining("did you mean 'dml.no-where'");
    }

    @Test
    void hotReloadChangesAnActionOnALiveConnection() throws Exception {
        Path rules = Guarded.rulesFile("rules:\n  query.select-star: warn\n");
        try (Connection c = connect(db, "guard.rules=" + rules + "&guard.reload-interval=50ms"); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT * FROM e2e_items")) {
                assertThat(r.next()).isTrue();
            }
            SQLWarning warned = s.getWarnings();
            assertThat((Throwable) warned).isInstanceOf(GuardWarning.class).hasMessageStartingWith("[jdbc-guard] query.select-star WARN:");

            Files.writeString(rules, "rules:\n  query.select-star: block\n");
            Files.setLastModifiedTime(rules, FileTime.from(Instant.now().plusSeconds(5)));
            long deadline = System.nanoTime() + 10_000_000_000L;
            GuardViolationException blocked = null;
            while (blocked == null && System.nanoTime() < deadline) {
                try {
                    s.executeQuery("SELECT * FROM e2e_items").close();
                    Thread.sleep(50);
                } catch (GuardViolationException e) {
                    blocked = e;
                }
            }
            assertThat((Throwable) blocked).as("blocked after the reload").isNotNull();
            assertThat(blocked.ruleId()).isEqualTo("query.select-star");
        }
    }
}
