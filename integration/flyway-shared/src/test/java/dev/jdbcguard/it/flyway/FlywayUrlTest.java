package dev.jdbcguard.it.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.testdb.CauseChain;
import dev.jdbcguard.testdb.FrameworkUrls;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flyway's API as users call it, with only the URL changed to a guard URL: the migrations (a table, seed rows, and
 * a DELETE without WHERE that the migration profile lets through with a warning) run through the guard. Each test
 * works on tables of its own ({@code ${t}_...}, its own history table).
 */
@ExtendWith(TestDatabaseExtension.class)
class FlywayUrlTest {

    @ParameterizedTest(name = "jdbc:guard:{0}:")
    @ValueSource(strings = {"mysql", "mariadb"})
    void aGuardUrlMigratesUnderTheMigrationProfile(String target, TestDatabase db) throws SQLException {
        String t = "fw_url_" + target;
        FluentConfiguration flyway = configure(t)
                .dataSource(FrameworkUrls.verifiedTls(db, target, "guard.profile=migration"), db.app().user(), db.app().password());
        try (GuardLog log = new GuardLog()) {
            MigrateResult result = flyway.load().migrate();
            assertThat(result.migrationsExecuted).isEqualTo(3);
            assertThat(log.lines()).anyMatch(line -> line.startsWith("[jdbc-guard] dml.no-where WARN: DELETE without WHERE on " + t + "_archive"));
        }
        assertThat(count(db, t + "_orders")).isEqualTo(3);
    }

    @Test
    void aPoolWithAGuardUrlMigrates(TestDatabase db) throws SQLException {
        String t = "fw_pool";
        try (HikariDataSource pool = new HikariDataSource(); GuardLog log = new GuardLog()) {
            pool.setJdbcUrl(FrameworkUrls.verifiedTls(db, "mysql", "guard.profile=migration"));
            pool.setUsername(db.app().user());
            pool.setPassword(db.app().password());
            assertThat(configure(t).dataSource(pool).load().migrate().migrationsExecuted).isEqualTo(3);
            assertThat(log.lines()).anyMatch(line -> line.startsWith("[jdbc-guard] dml.no-where WARN: DELETE without WHERE on " + t + "_archive"));
        }
        assertThat(count(db, t + "_orders")).isEqualTo(3);
    }

    @Test
    void productionRefusesFlywaysDdlWithTheGuardsMessage(TestDatabase db) throws SQLException {
        String t = "fw_production";
        Flyway flyway = configure(t).dataSource(FrameworkUrls.verifiedTls(db, "mysql", ""), db.app().user(), db.app().password()).load();
        Throwable refused = catchThrowable(flyway::migrate);
        assertThat(refused).isInstanceOf(FlywayException.class);
        assertThat(CauseChain.messages(refused)).contains("[jdbc-guard] ddl.create-table: CREATE TABLE on");
        try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM " + t + "_orders"))
                    .hasMessageStartingWith("[jdbc-guard] dml.no-where: DELETE without WHERE on " + t + "_orders");
        }
        try (Connection admin = db.adminConnection(); ResultSet tables = admin.getMetaData()
                .getTables(db.database(), null, t + "%", null)) {
            assertThat(tables.next()).as("no table of %s was created", t).isFalse();
        }
    }

    private static FluentConfiguration configure(String t) {
        // the tests share one schema, so each starts from a baseline below its first migration
        return Flyway.configure().locations("classpath:db/flyway").table(t + "_history").placeholders(Map.of("t", t))
                .baselineOnMigrate(true).baselineVersion("0");
    }

    private static int count(TestDatabase db, String table) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + db.database() + "." + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
