package dev.jdbcguard.benchmarks.e2e;

import dev.jdbcguard.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * How the end-to-end benchmark reaches the server: Connector/J directly, or the same Connector/J behind the
 * guard with its production profile. Both log in the same way, as the application user over verified TLS
 * (the set-up that profile demands), with Connector/J's defaults otherwise.
 */
public enum Target {

    RAW {
        @Override
        Connection connect(TestDatabase database) throws SQLException {
            return DriverManager.getConnection(database.mysqlUrl(""), login(database));
        }
    },

    GUARD {
        @Override
        Connection connect(TestDatabase database) throws SQLException {
            Properties settings = login(database);
            settings.setProperty("guard.profile", "production");
            return DriverManager.getConnection(database.guardUrl(""), settings);
        }
    };

    abstract Connection connect(TestDatabase database) throws SQLException;

    private static Properties login(TestDatabase database) {
        return database.tls("VERIFY_IDENTITY", database.app());
    }
}
