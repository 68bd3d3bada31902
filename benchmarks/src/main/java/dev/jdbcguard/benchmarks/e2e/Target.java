package dev.jdbcguard.benchmarks.e2e;

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
        public Connection connect(LoopbackServer server) throws SQLException {
            return DriverManager.getConnection(server.mysqlUrl(), server.login());
        }
    },

    GUARD {
        @Override
        public Connection connect(LoopbackServer server) throws SQLException {
            Properties settings = server.login();
            settings.setProperty("guard.profile", "production");
            return DriverManager.getConnection(server.guardUrl(), settings);
        }
    };

    public abstract Connection connect(LoopbackServer server) throws SQLException;
}
