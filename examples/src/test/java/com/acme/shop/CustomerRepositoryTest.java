package com.acme.shop;

import dev.jdbcguard.StatementEvent;
import dev.jdbcguard.junit.AllowFinding;
import dev.jdbcguard.junit.ExpectStatements;
import dev.jdbcguard.junit.GuardAssertions;
import dev.jdbcguard.junit.JdbcGuardTest;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application's repository test with the guard in it. {@code loadsEachCustomerOnItsOwn} fails on purpose: it is
 * the N+1 loop the README shows the failure of.
 */
@JdbcGuardTest
@ExtendWith(TestDatabaseExtension.class)
class CustomerRepositoryTest {

    private static TestDatabase db;

    @BeforeAll
    static void customers(TestDatabase database) throws SQLException {
        db = database;
        try (Connection admin = database.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("USE " + database.database());
            s.execute("CREATE TABLE IF NOT EXISTS ex_customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)");
            s.execute("DELETE FROM ex_customers");
            s.execute("INSERT INTO ex_customers VALUES (1,'Ada'),(2,'Grace'),(3,'Edsger'),(4,'Barbara'),(5,'Donald'),"
                    + "(6,'Frances'),(7,'Niklaus'),(8,'Radia'),(9,'Tony'),(10,'Margaret'),(11,'Ken'),(12,'Leslie')");
        }
    }

    /** The application's connection: only the URL says jdbc:guard:. */
    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(db.guardUrl(""), db.tls("VERIFY_IDENTITY", db.app()));
    }

    /** The repository under test, as an ORM's lazy loading would behave. */
    static List<String> namesOneByOne(Connection connection, int count) throws SQLException {
        List<String> names = new ArrayList<>();
        connection.setAutoCommit(false);
        try (PreparedStatement byId = connection.prepareStatement("SELECT name FROM ex_customers WHERE id = ?")) {
            for (int id = 1; id <= count; id++) {
                byId.setInt(1, id);
                try (ResultSet row = byId.executeQuery()) {
                    row.next();
                    names.add(row.getString(1));
                }
            }
        }
        connection.commit();
        return names;
    }

    static List<String> namesInOneQuery(Connection connection, int count) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement all = connection.prepareStatement("SELECT name FROM ex_customers WHERE id <= ? ORDER BY id")) {
            all.setInt(1, count);
            try (ResultSet rows = all.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    @Test
    @ExpectStatements(select = 1)
    void loadsTheCustomersInOneQuery() throws SQLException {
        try (Connection connection = connect()) {
            namesInOneQuery(connection, 12);
        }
    }

    @Test
    void loadsEachCustomerOnItsOwn() throws SQLException { // fails on purpose: query.n-plus-one
        try (Connection connection = connect()) {
            namesOneByOne(connection, 12);
        }
    }

    @Test
    @AllowFinding("query.n-plus-one") // a batch job that really reads row by row
    void aJobMayReadRowByRow() throws SQLException {
        try (Connection connection = connect()) {
            namesOneByOne(connection, 12);
        }
    }

    @Test
    void aPartOfATestHasItsOwnBudget() throws Exception {
        try (Connection connection = connect()) {
            GuardAssertions.assertThat(() -> namesInOneQuery(connection, 3))
                    .ranAtMost(1, StatementEvent.Kind.SELECT)
                    .hasNoFindings();
        }
    }
}
