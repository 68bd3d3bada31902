package dev.jdbcguard.it.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jdbcguard.testdb.CauseChain;
import dev.jdbcguard.testdb.FrameworkUrls;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLWarning;
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
 * Liquibase's {@code update} command as its CLI and Maven plugin run it (a URL, a login, a changelog; no driver),
 * with a formatted-SQL changelog. Each test keeps its own changelog tables.
 */
@ExtendWith(TestDatabaseExtension.class)
class LiquibaseUrlTest {

    @Test
    void updateWithAGuardUrlRunsThroughTheGuard(TestDatabase db) throws Exception {
        String url = FrameworkUrls.verifiedTls(db, "mysql", "guard.profile=migration");
        update(db, url, "url");
        try (Connection admin = db.adminConnection(); Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM lb_customers")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
        // the connection Liquibase opens for the URL: the target's database does the work, through the guard
        Database database = DatabaseFactory.getInstance().openDatabase(url, db.app().user(), db.app().password(), null,
                new ClassLoaderResourceAccessor());
        try (Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
                Statement statement = connection.createStatement()) {
            assertThat(database.getShortName()).isIn("mysql", "mariadb");
            connection.setAutoCommit(false);
            statement.executeUpdate("DELETE FROM lb_customers");
            SQLWarning warning = statement.getWarnings();
            connection.rollback();
            assertThat(warning.getMessage()).startsWith("[jdbc-guard] dml.no-where WARN: DELETE without WHERE on lb_customers");
        }
    }

    @Test
    void productionRefusesLiquibasesDdlWithTheGuardsMessage(TestDatabase db) {
        Throwable refused = catchThrowable(() -> update(db, FrameworkUrls.verifiedTls(db, "mysql", ""), "production"));
        // Liquibase may qualify its lock table with the schema: the table name, not its spelling, is what is pinned
        assertThat(CauseChain.messages(refused)).contains("[jdbc-guard] ddl.create-table: CREATE TABLE on")
                .containsIgnoringCase("production_changeloglock");
    }

    /** This module has no MariaDB Connector/J: the guard names it, through Liquibase, instead of trying another driver. */
    @Test
    void aTargetWhoseDriverIsMissingIsNamed(TestDatabase db) {
        Throwable refused = catchThrowable(() -> update(db, FrameworkUrls.verifiedTls(db, "mariadb", "guard.profile=migration"),
                "missing"));
        assertThat(CauseChain.messages(refused)).contains("[jdbc-guard] no registered JDBC driver accepts jdbc:mariadb:... (the target of"
                + " jdbc:guard:mariadb:); add org.mariadb.jdbc:mariadb-java-client to the classpath");
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
