package dev.jdbcguard.driver.proxy;

import static dev.jdbcguard.driver.testing.Guarded.login;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.driver.hook.RecordingHook;
import dev.jdbcguard.driver.proxy.vendor.Exposed;
import dev.jdbcguard.driver.proxy.vendor.VendorConnections;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A delegate whose vendor interface cannot be implemented by delegation (its methods are not
 * accessible from the generated class) still gets a working, guarded proxy.
 */
@ExtendWith(TestDatabaseExtension.class)
class ShapeFallbackTest {

    private final TestDatabase db;

    ShapeFallbackTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void anInaccessibleVendorInterfaceFallsBackToTheJdbcShape() throws SQLException {
        RecordingHook hook = new RecordingHook();
        try (Connection real = DriverManager.getConnection(db.mysqlUrl(""), login(db.app()))) {
            Connection vendor = VendorConnections.withHiddenInterface(real);
            GuardConnection guarded = new ProxyFactory().connection(vendor, hook);
            assertThat(guarded).as("Byte Buddy refuses to call Hidden.secret() from another package").isNotInstanceOf(Exposed.class);
            assertThat(guarded.getClass().getSuperclass()).isSameAs(GuardConnection.class);
            Exposed exposed = guarded.unwrap(Exposed.class);
            assertThat(exposed).as("the vendor type stays reachable through unwrap").isSameAs(vendor);
            assertThat(VendorConnections.secretOf(exposed)).isEqualTo("vendor secret");
            try (Statement statement = guarded.createStatement(); ResultSet result = statement.executeQuery("SELECT 5")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(5);
            }
            assertThat(hook.events).contains("EXECUTE SELECT 5");
        }
    }
}
