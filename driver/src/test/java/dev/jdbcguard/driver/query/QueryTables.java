package dev.jdbcguard.driver.query;

import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Base of the query-check tests: the harness's real server, and the tables they read, created once
 * per run: {@code qc_orders} (2,000 rows, indexed on customer_id) and {@code qc_countries} (5 rows).
 */
@ExtendWith(TestDatabaseExtension.class)
public abstract class QueryTables {

    public static final int ORDER_ROWS = 2000;

    protected final TestDatabase db;

    protected QueryTables(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void create(TestDatabase db) throws SQLException {
        createOnce(db);
    }

    private static synchronized void createOnce(TestDatabase db) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("USE " + db.database());
            s.execute("CREATE TABLE IF NOT EXISTS qc_orders (id INT PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL,"
                    + " status VARCHAR(20) NOT NULL, note VARCHAR(50), KEY idx_customer (customer_id)) ENGINE=InnoDB");
            s.execute("CREATE TABLE IF NOT EXISTS qc_countries (code CHAR(2) PRIMARY KEY, name VARCHAR(40)) ENGINE=InnoDB");
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM qc_orders")) {
                r.next();
                if (r.getInt(1) > 0) {
                    return;
                }
            }
            StringBuilder insert = new StringBuilder("INSERT INTO qc_orders (customer_id, status, note) VALUES ");
            for (int i = 0; i < ORDER_ROWS; i++) {
                insert.append(i == 0 ? "" : ",").append("(").append(i % 400).append(",'")
                        .append(i % 3 == 0 ? "open" : "done").append("','n").append(i).append("')");
            }
            s.execute(insert.toString());
            s.execute("INSERT INTO qc_countries VALUES ('DE','Germany'),('FR','France'),('IT','Italy'),('NL','Netherlands'),('PL','Poland')");
            s.execute("ANALYZE TABLE qc_orders, qc_countries");
        }
    }

    /** A raw (unguarded) Connector/J connection as the application user. */
    public static Connection appConnection(TestDatabase db) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", db.app().user());
        properties.setProperty("password", db.app().password());
        return DriverManager.getConnection(db.mysqlUrl(""), properties);
    }

    public static long connectionId(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT CONNECTION_ID()")) {
            r.next();
            return r.getLong(1);
        }
    }
}
