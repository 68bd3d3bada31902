package dev.jdbcguard.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code check} on the shared test server: schemas of its own with planted problems and a clean one, read by the
 * admin and by logins with fewer privileges. Nothing global is changed here (see {@link CheckWorkloadTest}).
 */
@ExtendWith(TestDatabaseExtension.class)
class CheckSchemaTest {

    static final String PLANTED = "check_planted";
    static final String CLEAN = "check_clean";

    @BeforeAll
    static void plant(TestDatabase db) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement sql = admin.createStatement()) {
            for (String schema : new String[] {PLANTED, CLEAN}) {
                sql.execute("DROP DATABASE IF EXISTS " + schema);
                sql.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4");
            }
            sql.execute("CREATE TABLE " + PLANTED + ".audit_log (happened_at DATETIME, message VARCHAR(200)) ENGINE=InnoDB");
            // A unique key over a nullable column is no substitute for a primary key.
            sql.execute("CREATE TABLE " + PLANTED + ".nullable_unique (code VARCHAR(20) NULL, UNIQUE KEY (code)) ENGINE=InnoDB");
            sql.execute("CREATE TABLE " + PLANTED + ".legacy_sessions (id INT PRIMARY KEY, data TEXT) ENGINE=MyISAM");
            sql.execute("CREATE TABLE " + PLANTED + ".legacy_names (id INT PRIMARY KEY, name VARCHAR(50))"
                    + " ENGINE=InnoDB CHARACTER SET latin1");
            sql.execute("CREATE TABLE " + CLEAN + ".customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
            sql.execute("CREATE TABLE " + CLEAN + ".orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL,"
                    + " note VARBINARY(100), FOREIGN KEY (customer_id) REFERENCES customers (id))");
            // A NOT NULL unique key identifies rows as well as a primary key does.
            sql.execute("CREATE TABLE " + CLEAN + ".tags (code VARCHAR(20) NOT NULL, label VARCHAR(50), UNIQUE KEY (code))");
        }
    }

    @AfterAll
    static void dropSchemas(TestDatabase db) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + PLANTED);
            sql.execute("DROP DATABASE IF EXISTS " + CLEAN);
        }
    }

    @Test
    void textListsEveryItemAndThePlantedTablesUnderTheirIds(TestDatabase db) {
        CheckRun run = CheckRun.as(db, db.admin(), PLANTED);

        assertThat(run.exit()).as(run.toString()).isEqualTo(Check.FAILED);
        assertThat(run.err()).isEmpty();
        for (String id : Checklist.ids()) {
            assertThat(run.out()).as(run.toString()).containsPattern("(?m)^(PASS|WARN|FAIL|UNKNOWN) +" + id + " ");
        }
        ReportItems items = ReportItems.text(run.out());
        assertThat(items.status("primary-keys")).isEqualTo("FAIL");
        assertThat(items.block("primary-keys")).contains(PLANTED + ".audit_log", PLANTED + ".nullable_unique")
                .doesNotContain("legacy_sessions", "legacy_names");
        assertThat(items.status("engines")).isEqualTo("FAIL");
        assertThat(items.block("engines")).contains(PLANTED + ".legacy_sessions: MyISAM").doesNotContain("audit_log");
        assertThat(items.status("charsets")).isEqualTo("WARN");
        assertThat(items.block("charsets")).contains(PLANTED + ".legacy_names: table default latin1_swedish_ci, column name latin1")
                .doesNotContain("audit_log");
        assertThat(run.out()).contains("13 items: 3 fail");
    }

    @Test
    void jsonListsThePlantedProblemsUnderTheirIds(TestDatabase db) {
        CheckRun run = CheckRun.as(db, db.admin(), PLANTED, "--format", "json");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Check.FAILED);
        ReportItems items = ReportItems.json(run.out());
        assertThat(items.ids()).containsExactlyElementsOf(Checklist.ids());
        assertThat(run.out()).contains("\"schema\": \"" + CheckReport.SCHEMA + "\"", "\"failed\": true",
                "\"database\": \"" + PLANTED + "\"");
        assertThat(items.status("primary-keys")).isEqualTo("fail");
        assertThat(items.block("primary-keys")).contains("\"" + PLANTED + ".audit_log (InnoDB, ~0 rows)\"");
        assertThat(items.status("engines")).isEqualTo("fail");
        assertThat(items.block("engines")).contains("\"" + PLANTED + ".legacy_sessions: MyISAM\"");
        assertThat(items.status("charsets")).isEqualTo("warn");
        assertThat(items.block("charsets")).contains(PLANTED + ".legacy_names");
    }

    @Test
    void aCleanSchemaPassesEverySchemaItem(TestDatabase db) {
        CheckRun run = CheckRun.as(db, db.admin(), CLEAN);

        ReportItems items = ReportItems.text(run.out());
        for (String id : new String[] {"primary-keys", "engines", "charsets", "foreign-keys"}) {
            assertThat(items.status(id)).as(id + " in\n" + run).isEqualTo("PASS");
        }
        // The foreign key is there, and the production profile allows it.
        assertThat(items.block("foreign-keys")).contains(CLEAN + ".orders:", "-> customers",
                "planetscale.foreign-key=off");
    }

    @Test
    void thePlanetscaleProfileReportsForeignKeys(TestDatabase db) {
        CheckRun run = CheckRun.as(db, db.admin(), CLEAN, "--profile", "planetscale");

        ReportItems items = ReportItems.text(run.out());
        assertThat(items.status("foreign-keys")).as(run.toString()).isEqualTo("WARN");
        assertThat(items.block("foreign-keys")).contains(CLEAN + ".orders:", "planetscale.foreign-key=warn");
        assertThat(run.out()).contains("rules: profile planetscale");
    }

    @Test
    void withoutPerformanceSchemaTheDigestItemsAreUnknownWithTheReason(TestDatabase db) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement sql = admin.createStatement();
             var rows = sql.executeQuery("SELECT @@performance_schema")) {
            rows.next();
            // The shared server runs with the server's default; CheckWorkloadTest covers a server with it on.
            org.junit.jupiter.api.Assumptions.assumeFalse(rows.getBoolean(1), "performance_schema is on here");
        }
        ReportItems items = ReportItems.text(CheckRun.as(db, db.admin(), PLANTED).out());

        assertThat(items.status("unindexed-digests")).isEqualTo("UNKNOWN");
        assertThat(items.block("unindexed-digests")).contains("performance_schema is OFF on this server");
        assertThat(items.status("slow-digests")).isEqualTo("UNKNOWN");
        assertThat(items.status("monitoring")).isEqualTo("WARN");
        assertThat(items.block("monitoring")).contains("performance_schema=OFF");
    }

    @Test
    void aLoginWithoutProcessOrGlobalSelectGetsUnknownNamingWhatItLacks(TestDatabase db) throws SQLException {
        TestDatabase.Credentials narrow = new TestDatabase.Credentials("check_narrow", "n-" + System.nanoTime());
        try (Connection admin = db.adminConnection(); Statement sql = admin.createStatement()) {
            for (String host : new String[] {"%", "localhost"}) {
                sql.execute("CREATE USER IF NOT EXISTS 'check_narrow'@'" + host + "'");
                sql.execute("ALTER USER 'check_narrow'@'" + host + "' IDENTIFIED BY '" + narrow.password() + "'");
                sql.execute("GRANT SELECT ON " + CLEAN + ".* TO 'check_narrow'@'" + host + "'");
            }
        }
        CheckRun run = CheckRun.as(db, narrow, CLEAN);

        ReportItems items = ReportItems.text(run.out());
        assertThat(items.status("long-transactions")).as(run.toString()).isEqualTo("UNKNOWN");
        assertThat(items.block("long-transactions")).contains("PROCESS");
        assertThat(items.status("tls")).isEqualTo("UNKNOWN");
        assertThat(items.block("tls")).contains("cannot read mysql.user", "this session: TLSv1");
        // What it may read is still judged.
        assertThat(items.status("primary-keys")).isEqualTo("PASS");
        assertThat(items.status("connections")).isEqualTo("PASS");
    }

    @Test
    void badInputExitsTwoWithTheReason(TestDatabase db) {
        CheckRun noUrl = CheckRun.run(java.util.List.of("--format", "json"), java.util.Map.of());
        assertThat(noUrl.exit()).isEqualTo(Check.BAD_INPUT);
        assertThat(noUrl.err()).contains("check: no URL given", "usage: check");

        CheckRun badFormat = CheckRun.run(java.util.List.of("--format", "xml", "jdbc:mysql://127.0.0.1/x"), java.util.Map.of());
        assertThat(badFormat.exit()).isEqualTo(Check.BAD_INPUT);
        assertThat(badFormat.err()).contains("--format must be text, json or html, not 'xml'");

        CheckRun badProfile = CheckRun.as(db, db.admin(), CLEAN, "--profile", "prodution");
        assertThat(badProfile.exit()).isEqualTo(Check.BAD_INPUT);
        assertThat(badProfile.err()).contains("bad rules", "prodution");
        assertThat(badProfile.out()).isEmpty();
    }

    @Test
    void aServerThatCannotBeReachedExitsTwoWithoutShowingThePassword(TestDatabase db) {
        CheckRun run = CheckRun.run(java.util.List.of("--password-env", "P",
                "jdbc:mysql://127.0.0.1:1/x?user=u&connectTimeout=2000&password=secret-in-url"), java.util.Map.of("P", "pw"));

        assertThat(run.exit()).isEqualTo(Check.BAD_INPUT);
        assertThat(run.err()).contains("check: cannot check jdbc:mysql://127.0.0.1:1/x:").doesNotContain("secret-in-url");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aWrongPasswordExitsTwo(TestDatabase db) {
        CheckRun run = CheckRun.as(db, new TestDatabase.Credentials(db.app().user(), "wrong"), CLEAN);

        assertThat(run.exit()).isEqualTo(Check.BAD_INPUT);
        assertThat(run.err()).contains("Access denied");
    }
}
