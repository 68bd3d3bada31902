package dev.jdbcguard.driver.engine;

import static dev.jdbcguard.driver.engine.Guarded.connect;
import static dev.jdbcguard.driver.engine.Guarded.warnings;
import static dev.jdbcguard.driver.testing.Guarded.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.Finding;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.driver.connections.AllLogs;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.driver.warnings.GuardWarning;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema-aware DDL rules through {@code jdbc:guard:mysql://} against the real server: each table is created
 * through a raw admin connection, so only what the guard reads from information_schema can tell its column types,
 * and then altered through the guard. Each test has tables of its own: the guard's cache of a table lives as long as
 * the engine, and a table dropped and created again past the guard is a change it does not see.
 */
@ExtendWith(TestDatabaseExtension.class)
class SchemaRulesE2eTest {

    private static final String MIGRATION = "guard.profile=migration";

    private final TestDatabase db;

    SchemaRulesE2eTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aNarrowingTheSchemaShowsWarnsUnderMigrationAndAWideningDoesNot() throws SQLException {
        orders("sr_narrow");
        try (Connection c = connect(db, MIGRATION); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE sr_narrow MODIFY note VARCHAR(10)");
            assertThat(rules(s.getWarnings())).containsExactly("ddl.lossy-type-change");
            assertThat(guardWarning(s.getWarnings()))
                    .contains("ddl.lossy-type-change WARN: MODIFY note VARCHAR(20) -> VARCHAR(10): values longer than 10 characters are cut or refused on sr_narrow")
                    // the algorithm answer of the server the connection reports: the harness runs MariaDB 10.11
                    .containsPattern("\\[MariaDB 10\\.11\\.\\d+: COPY, writes blocked;");
            s.clearWarnings();

            s.execute("ALTER TABLE sr_narrow MODIFY id BIGINT");
            assertThat(rules(s.getWarnings())).as("INT -> BIGINT keeps every value").isEmpty();
        }
        assertThat(columnType("sr_narrow", "note")).isEqualTo("varchar(10)");
        assertThat(columnType("sr_narrow", "id")).isEqualTo("bigint(20)");
    }

    @Test
    void productionStillRefusesTheModifyAndSaysWhatTheSchemaJudged() throws SQLException {
        orders("sr_refused");
        try (Connection c = connect(db, ""); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("ALTER TABLE sr_refused MODIFY note VARCHAR(10)"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> {
                        assertThat(e.ruleId()).isEqualTo("ddl.modify-column");
                        assertThat(e.getMessage()).contains("(judged against the schema: MODIFY note VARCHAR(20) -> VARCHAR(10):"
                                + " values longer than 10 characters are cut or refused)");
                    });
            assertThatThrownBy(() -> s.execute("ALTER TABLE sr_refused MODIFY id BIGINT"))
                    .isInstanceOfSatisfying(GuardViolationException.class, e -> assertThat(e.getMessage())
                            .contains("(judged against the schema: MODIFY id INT -> BIGINT: every value fits)"));
        }
        assertThat(columnType("sr_refused", "note")).isEqualTo("varchar(20)");
    }

    @Test
    void anEnumReorderAndADuplicateIndexWarn() throws SQLException {
        orders("sr_enum");
        try (Connection c = connect(db, MIGRATION); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE sr_enum MODIFY status ENUM('paid','new','shipped') NOT NULL DEFAULT 'new'");
            assertThat(rules(s.getWarnings())).containsExactly("ddl.enum-change");
            s.clearWarnings();

            s.execute("CREATE INDEX idx_note_again ON sr_enum (note)");
            assertThat(rules(s.getWarnings())).containsExactly("ddl.duplicate-index");
            assertThat(guardWarning(s.getWarnings())).contains("index idx_note_again duplicates idx_note (same columns) on sr_enum");
            s.clearWarnings();

            // the index just added is read too: the CREATE INDEX dropped the cached table
            s.execute("ALTER TABLE sr_enum ADD INDEX idx_note_third (note)");
            assertThat(guardWarning(s.getWarnings())).contains("duplicates idx_note (same columns)")
                    .contains("duplicates idx_note_again (same columns)");
        }
    }

    @Test
    void aPreparedDdlIsJudgedAgainstTheSchemaToo() throws SQLException {
        orders("sr_prepared");
        try (Connection c = connect(db, MIGRATION);
             PreparedStatement p = c.prepareStatement("ALTER TABLE sr_prepared MODIFY note VARCHAR(5)")) {
            p.execute();
            assertThat(rules(p.getWarnings())).containsExactly("ddl.lossy-type-change");
        }
    }

    @Test
    void theSecondAlterIsJudgedOnWhatTheFirstLeft() throws SQLException {
        orders("sr_twice");
        try (Connection c = connect(db, MIGRATION); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE sr_twice MODIFY note VARCHAR(40)");
            assertThat(rules(s.getWarnings())).as("VARCHAR(20) -> VARCHAR(40) widens").isEmpty();
            // judged on the model read before the first ALTER, VARCHAR(20) -> VARCHAR(30) would widen too
            s.execute("ALTER TABLE sr_twice MODIFY note VARCHAR(30)");
            assertThat(rules(s.getWarnings())).containsExactly("ddl.lossy-type-change");
            assertThat(guardWarning(s.getWarnings())).contains("VARCHAR(40) -> VARCHAR(30)");
        }
    }

    @Test
    void aTableTheGuardCannotReadFallsBackToTheStatementAlone() throws SQLException {
        String hidden = db.database() + "_sr_hidden";
        admin(db, "DROP DATABASE IF EXISTS " + hidden, "CREATE DATABASE " + hidden,
                "CREATE TABLE " + hidden + ".secret (id INT PRIMARY KEY, note VARCHAR(20))");
        List<Finding> found = new CopyOnWriteArrayList<>();
        // an engine of its own (the window differs from the default), so the line it logs once is this test's
        try (AllLogs logs = new AllLogs(); GuardListeners.Registration ignored = GuardListeners.addFindingListener(found::add);
             Connection c = connect(db, MIGRATION + "&guard.warning-window=59s"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("ALTER TABLE " + hidden + ".secret MODIFY note VARCHAR(10)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat((Throwable) e).isNotInstanceOf(GuardViolationException.class);
                        assertThat(e.getErrorCode()).as("the server's own refusal: ALTER command denied").isEqualTo(1142);
                    });
            assertThat(found).extracting(Finding::ruleId).containsExactly("ddl.modify-column");
            assertThat(found.get(0).message()).contains("type change not judged: table secret is not in the schema model");
            assertThat(logs.from("jdbcguard ")).anySatisfy(line -> assertThat((Object) line).asString()
                    .contains("could not read the live schema")
                    .contains("information_schema does not show table " + hidden + ".secret to the guard's connection"));
            // a table it can read is judged as before
            orders("sr_visible");
            s.execute("ALTER TABLE sr_visible MODIFY note VARCHAR(10)");
            assertThat(rules(s.getWarnings())).containsExactly("ddl.lossy-type-change");
        } finally {
            admin(db, "DROP DATABASE IF EXISTS " + hidden);
        }
    }

    @Test
    void aCreateTableWithoutAKeyWarnsWithoutReadingAnything() throws SQLException {
        admin(db, "DROP TABLE IF EXISTS sr_keyless");
        try (Connection c = connect(db, MIGRATION); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sr_keyless (payload JSON)");
            assertThat(rules(s.getWarnings())).containsExactly("ddl.no-primary-key");
            s.clearWarnings();
            s.execute("DROP TABLE sr_keyless");
        }
    }

    /** {@code orders} as the example has it, made past the guard. */
    private void orders(String table) throws SQLException {
        admin(db, "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id INT PRIMARY KEY, note VARCHAR(20),"
                + " status ENUM('new','paid','shipped') NOT NULL DEFAULT 'new', KEY idx_note (note)) DEFAULT CHARSET=utf8mb4");
    }

    private String columnType(String table, String column) throws SQLException {
        try (Connection admin = db.adminConnection(); PreparedStatement p = admin.prepareStatement("SELECT COLUMN_TYPE FROM"
                + " information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            p.setString(1, db.database());
            p.setString(2, table);
            p.setString(3, column);
            try (ResultSet r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }

    /** The guard's warnings on a chain, by rule (the server adds its own, e.g. for a column it converted). */
    private static List<String> rules(SQLWarning first) {
        return warnings(first).stream().filter(GuardWarning.class::isInstance).map(w -> ((GuardWarning) w).ruleId()).toList();
    }

    /** The first of the guard's warnings on a chain. */
    private static String guardWarning(SQLWarning first) {
        return warnings(first).stream().filter(GuardWarning.class::isInstance).findFirst().orElseThrow().getMessage();
    }
}
