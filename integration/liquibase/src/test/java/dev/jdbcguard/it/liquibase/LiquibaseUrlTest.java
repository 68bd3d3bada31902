package dev.jdbcguard.it.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jdbcguard.testdb.CauseChain;
import dev.jdbcguard.testdb.FrameworkUrls;
import dev.jdbcguard.testdb.RolledBackDelete;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Liquibase 4's {@code update} command as its CLI and Maven plugin run it outside Spring Boot (a URL, a login, a
 * changelog; no driver), with a formatted-SQL changelog, and the connection Liquibase opens for a URL. Each test
 * keeps its own changelog tables ({@code <name>_changelog}, {@code <name>_changeloglock}).
 */
@ExtendWith(TestDatabaseExtension.class)
class LiquibaseUrlTest {

    @Test
    void updateWithAGuardUrlRunsThroughTheGuardUnderTheMigrationProfile(TestDatabase db) throws Exception {
        String url = FrameworkUrls.verifiedTls(db, "mysql", "guard.profile=migration");
        update(db, url, "url");
        try (Connection admin = db.adminConnection(); Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM lb_customers")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
        Database database = open(db, url);
        try {
            // the target's database does the work (chosen from the metadata the guard passes through)
            assertThat(database.getShortName()).isIn("mysql", "mariadb");
            assertThat((Throwable) RolledBackDelete.warnings(connection(database), "lb_customers"))
                    .hasMessageStartingWith("[jdbc-guard] dml.no-where WARN: DELETE without WHERE on lb_customers");
        } finally {
            database.close();
        }
    }

    @Test
    void productionRefusesLiquibasesDdlAndADeleteWithoutWhereWithTheGuardsMessage(TestDatabase db) throws Exception {
        String url = FrameworkUrls.verifiedTls(db, "mysql", "");
        Throwable refused = catchThrowable(() -> update(db, url, "production"));
        // Liquibase qualifies its history table with the schema: the table name, not its spelling, is what is pinned
        assertThat(CauseChain.messages(refused)).contains("[jdbc-guard] ddl.create-table: CREATE TABLE on")
                .containsIgnoringCase("production_changelog");
        try (Connection admin = db.adminConnection(); ResultSet tables = admin.getMetaData()
                .getTables(db.database(), null, "production%", null)) {
            assertThat(tables.next()).as("no table of Liquibase's was created under production").isFalse();
        }
        try (Connection admin = db.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS lb_production_orders (id INT PRIMARY KEY)");
            statement.execute("INSERT IGNORE INTO lb_production_orders VALUES (1), (2)");
        }
        Database database = open(db, url);
        try (Statement statement = connection(database).createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM lb_production_orders"))
                    .hasMessageStartingWith("[jdbc-guard] dml.no-where: DELETE without WHERE on lb_production_orders");
        } finally {
            database.close();
        }
    }

    /** This module has no MariaDB Connector/J: the guard names it, through Liquibase, instead of trying another driver. */
    @Test
    void aTargetWhoseDriverIsMissingIsNamed(TestDatabase db) {
        Throwable refused = catchThrowable(() -> update(db, FrameworkUrls.verifiedTls(db, "mariadb", "guard.profile=migration"),
                "missing"));
        assertThat(CauseChain.messages(refused)).contains("[jdbc-guard] no registered JDBC driver accepts jdbc:mariadb:... (the target of"
                + " jdbc:guard:mariadb:); add org.mariadb.jdbc:mariadb-java-client to the classpath");
    }

    /** The connection Liquibase's CLI and plugins open for a URL with no driver setting. */
    private static Database open(TestDatabase db, String url) throws Exception {
        return DatabaseFactory.getInstance().openDatabase(url, db.app().user(), db.app().password(), null,
                new ClassLoaderResourceAccessor());
    }

    /** The JDBC connection under Liquibase's database, which owns it (closing the database closes it). */
    private static Connection connection(Database database) {
        return ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    }

    private static void update(TestDatabase db, String url, String tables) throws Exception {
        Scope.child(Map.of(GlobalConfiguration.DATABASECHANGELOG_TABLE_NAME.getKey(), tables + "_changelog",
                GlobalConfiguration.DATABASECHANGELOGLOCK_TABLE_NAME.getKey(), tables + "_changeloglock"), () ->
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.URL_ARG, url)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.USERNAME_ARG, db.app().user())
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.PASSWORD_ARG, db.app().password())
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, "db/changelog.sql")
                        .execute());
    }
}
