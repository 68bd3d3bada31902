package dev.jdbcguard.driver.proxy;

import static dev.jdbcguard.driver.testing.Guarded.login;
import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcPreparedStatement;
import com.mysql.cj.jdbc.JdbcStatement;
import com.mysql.cj.jdbc.result.ResultSetInternalMethods;
import dev.jdbcguard.driver.hook.RecordingHook;
import dev.jdbcguard.driver.proxy.vendor.VendorConnections;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connector/J's objects get the proxy classes the build generated ({@link PrebuiltProxies}), with every vendor
 * interface; a delegate of another shape still gets one generated at run time.
 */
@ExtendWith(TestDatabaseExtension.class)
class PrebuiltProxiesTest {

    private final TestDatabase db;

    PrebuiltProxiesTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void connectorJObjectsGetPrebuiltProxiesWithTheirVendorInterfaces() throws SQLException {
        RecordingHook hook = new RecordingHook();
        try (Connection real = DriverManager.getConnection(db.mysqlUrl(""), login(db.app()))) {
            GuardConnection guarded = new ProxyFactory().connection(real, hook);
            assertThat(guarded.getClass().getName()).contains("$Prebuilt$");
            assertThat(guarded).isInstanceOf(JdbcConnection.class);
            try (Statement statement = guarded.createStatement(); ResultSet result = statement.executeQuery("SELECT 5");
                 PreparedStatement prepared = guarded.prepareStatement("SELECT ?")) {
                assertThat(statement.getClass().getName()).contains("$Prebuilt$");
                assertThat(statement).isInstanceOf(JdbcStatement.class);
                assertThat(result.getClass().getName()).contains("$Prebuilt$");
                assertThat(result).isInstanceOf(ResultSetInternalMethods.class);
                assertThat(prepared.getClass().getName()).contains("$Prebuilt$");
                assertThat(prepared).isInstanceOf(JdbcPreparedStatement.class);
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(5);
            }
            assertThat(hook.events).contains("EXECUTE SELECT 5");
        }
    }

    @Test
    void aShapeTheBuildDidNotKnowIsGeneratedAtRunTime() throws SQLException {
        try (Connection real = DriverManager.getConnection(db.mysqlUrl(""), login(db.app()))) {
            GuardConnection guarded = new ProxyFactory().connection(VendorConnections.withHiddenInterface(real),
                    new RecordingHook());
            assertThat(guarded.getClass().getName()).doesNotContain("$Prebuilt$");
            assertThat(guarded.getClass().getSuperclass()).isSameAs(GuardConnection.class);
        }
    }
}
