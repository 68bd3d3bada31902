package dev.jdbcguard.it.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcguard.testdb.CauseChain;
import dev.jdbcguard.testdb.FrameworkUrls;
import dev.jdbcguard.testdb.RolledBackDelete;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.datasource.init.ScriptStatementFailedException;

/**
 * A Boot application configured as a user would, with only guard URLs: {@code spring.datasource.url}
 * (production profile), {@code spring.flyway.url} and {@code spring.liquibase.url} (migration profile), and
 * logins; no {@code driver-class-name} anywhere. Spring's own SQL initialization ({@code schema.sql} and
 * {@code data.sql}) runs too, under {@code guard.schema-scripts=migration} on the application's URL. Run twice per Boot line by Surefire: with H2 on the class path
 * (where Boot would otherwise fall back to H2's driver) and without it ({@code it.without} says which).
 * One application context for the class.
 */
@ExtendWith(TestDatabaseExtension.class)
class UrlOnlyTest {

    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start(TestDatabase db) {
        String migrations = FrameworkUrls.verifiedTls(db, "mysql", "guard.profile=migration");
        app = new SpringApplicationBuilder(ShopApplication.class).properties(
                "spring.main.banner-mode=off",
                // Spring's SQL initialization runs schema.sql on this DataSource: its statements get the migration profile
                "spring.datasource.url=" + FrameworkUrls.verifiedTls(db, "mysql", "guard.schema-scripts=migration"),
                "spring.sql.init.mode=always",
                "spring.datasource.username=" + db.app().user(),
                "spring.datasource.password=" + db.app().password(),
                "spring.flyway.url=" + migrations,
                "spring.flyway.user=" + db.app().user(),
                "spring.flyway.password=" + db.app().password(),
                // not the guard's: Flyway and Liquibase share one schema here, and either may run first
                "spring.flyway.baseline-on-migrate=true",
                "spring.flyway.baseline-version=0",
                "spring.liquibase.change-log=classpath:db/changelog/changelog.sql",
                "spring.liquibase.url=" + migrations,
                "spring.liquibase.user=" + db.app().user(),
                "spring.liquibase.password=" + db.app().password()).run();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theClassPathIsTheOneThisRunIsFor() {
        assertThat(isPresent("org.h2.Driver")).as("H2 on the class path (Boot %s)", SpringBootVersion.getVersion())
                .isEqualTo(!System.getProperty("it.without").equals("com.h2database:h2"));
    }

    @Test
    void theApplicationsPoolConnectsThroughTheGuard() {
        HikariDataSource pool = app.getBean(HikariDataSource.class);
        assertThat(pool.getDriverClassName()).isEqualTo("dev.jdbcguard.GuardDriver");
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        assertThatThrownBy(() -> jdbc.update("DELETE FROM boot_orders"))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageStartingWith("[jdbc-guard] dml.no-where: DELETE without WHERE on boot_orders");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM boot_orders", Integer.class)).isEqualTo(3);
    }

    @Test
    void springsSqlInitializationRanUnderTheMigrationProfileAndTheApplicationsStatementsStayUnderProduction() {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM boot_vets", Integer.class)).isEqualTo(2);
        assertThatThrownBy(() -> jdbc.execute("DROP TABLE boot_vets"))
                .rootCause().hasMessageStartingWith("[jdbc-guard] ddl.drop-table: DROP TABLE on boot_vets");
        assertThatThrownBy(() -> jdbc.execute("CREATE TABLE IF NOT EXISTS boot_owners (id INT PRIMARY KEY)"))
                .rootCause().hasMessageStartingWith("[jdbc-guard] ddl.create-table: CREATE TABLE on boot_owners")
                .hasMessageNotContaining("guard.schema-scripts");
    }

    @Test
    void withoutTheSettingSpringsScriptInitializerIsBlockedWithAFixNamingIt(TestDatabase db) {
        DataSource production = new DriverManagerDataSource(FrameworkUrls.verifiedTls(db, "mysql", ""), db.app().user(),
                db.app().password());
        Throwable refused = catchThrowable(() -> new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).execute(production));
        assertThat(refused).isInstanceOf(ScriptStatementFailedException.class);
        assertThat(CauseChain.messages(refused)).contains("[jdbc-guard] ddl.create-table: CREATE TABLE on boot_vets")
                .contains("Here: this statement was run by Spring's SQL script initializer (schema.sql/data.sql, spring.sql.init):"
                        + " to judge that tool's statements by the migration profile while the application's own keep these"
                        + " rules, add guard.schema-scripts=migration to the URL");
    }

    @Test
    void flywayMigratedThroughTheGuardUnderTheMigrationProfile() throws SQLException {
        Flyway flyway = app.getBean(Flyway.class);
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("2");
        assertGuardedMigrationConnection(flyway.getConfiguration().getDataSource());
    }

    @Test
    void liquibaseUpdatedThroughTheGuardUnderTheMigrationProfile() throws SQLException {
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM boot_customers", Integer.class)).isEqualTo(2);
        assertGuardedMigrationConnection(app.getBean(SpringLiquibase.class).getDataSource());
    }

    /** A DELETE without WHERE on this connection runs with the migration profile's warning (rolled back). */
    private static void assertGuardedMigrationConnection(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat((Throwable) RolledBackDelete.warnings(connection, "boot_orders"))
                    .hasMessageStartingWith("[jdbc-guard] dml.no-where WARN: DELETE without WHERE on boot_orders");
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, UrlOnlyTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
