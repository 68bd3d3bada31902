package dev.jdbcguard.check;

import dev.jdbcguard.testdb.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Raw Connector/J connections to a server without TLS, for planting a workload. */
final class DriverPlain {

    private DriverPlain() {
    }

    static Connection connect(TestDatabase db, TestDatabase.Credentials who) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", who.user());
        login.setProperty("password", who.password());
        login.setProperty("sslMode", "DISABLED");
        login.setProperty("allowPublicKeyRetrieval", "true");
        return DriverManager.getConnection(db.mysqlUrl(""), login);
    }
}
