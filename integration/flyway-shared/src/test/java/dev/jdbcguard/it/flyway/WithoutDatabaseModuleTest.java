package dev.jdbcguard.it.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.jdbcguard.testdb.FrameworkUrls;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Run by Surefire's second run only, without flyway-mysql on the class path (a user who added flyway-core alone):
 * one message naming the module to add, not Flyway's bare "No database found" nor a fallback to another type.
 */
@ExtendWith(TestDatabaseExtension.class)
class WithoutDatabaseModuleTest {

    @Test
    void aMissingFlywayDatabaseModuleIsNamed(TestDatabase db) {
        assertThat(System.getProperty("it.without")).isEqualTo("org.flywaydb:flyway-mysql");
        Throwable refused = catchThrowable(() -> Flyway.configure()
                .dataSource(FrameworkUrls.verifiedTls(db, "mysql", "guard.profile=migration"), db.app().user(), db.app().password())
                .load().migrate());
        assertThat(refused).isInstanceOf(FlywayException.class).hasMessage("[jdbc-guard] Flyway has no database type for"
                + " jdbc:mysql:... (the target of jdbc:guard:mysql:); add its Flyway module, e.g. org.flywaydb:flyway-mysql"
                + " for MySQL and MariaDB (Flyway 10 and later ship them apart)");
    }
}
