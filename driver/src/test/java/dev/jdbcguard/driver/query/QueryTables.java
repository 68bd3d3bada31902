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
 * per run: {@code qc_orders} (2,000 rows, indexed on customer_id), {@code qc_countries} (5 rows) and
 * {@code qc_visits}, PetClinic's {@code visits} in miniature: 20 rows indexed on {@code pet_id} (half of them pet 1's,
 * which the optimizer reads with a scan, pets 2 to 11 with one row each, read through the index) and on
 * {@code description}.
 */
@ExtendWith(TestDatabaseExtension.class)
public abstract class QueryTables {

    public static final int ORDER_ROWS = 2000;
    public static final int VISIT_ROWS = 20;

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
            s.execute("CREATE TABLE IF NOT EXISTS qc_visits (id INT PRIMARY KEY AUTO_INCREMENT, pet_id INT NOT NULL,"
                    + " visit_date DATE, description VARCHAR(255), KEY idx_pet (pet_id), KEY idx_description (description))"
                    + " ENGINE=InnoDB");
            if (count(s, "qc_orders") > 0) {
                return;
            }
            StringBuilder insert = new StringBuilder("INSERT INTO qc_orders (customer_id, status, note) VALUES ");
            for (int i = 0; i < ORDER_ROWS; i++) {
                insert.append(i == 0 ? "" : ",").append("(").append(i % 400).append(",'")
                        .append(i % 3 == 0 ? "open" : "done").append("','n").append(i).append("')");
            }
            s.execute(insert.toString());
            s.execute("INSERT INTO qc_countries VALUES ('DE','Germany'),('FR','France'),('IT','Italy'),('NL','Netherlands'),('PL','Poland')");
            StringBuilder visits = new StringBuilder("INSERT INTO qc_visits (pet_id, visit_date, description) VALUES ");
            for (int i = 1; i <= VISIT_ROWS; i++) {
                visits.append(i == 1 ? "" : ",").append("(").append(i <= 10 ? 1 : i - 9).append(", '2026-01-")
                        .append(String.format("%02d", i)).append("', 'visit ").append(i).append("')");
            }
            s.execute(visits.toString());
            s.execute("ANALYZE TABLE qc_orders, qc_countries, qc_visits");
        }
    }

    private static long count(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
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
