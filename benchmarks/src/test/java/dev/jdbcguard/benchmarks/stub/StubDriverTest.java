package dev.jdbcguard.benchmarks.stub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The stub answers the way the benchmarks rely on, and refuses what it does not implement. */
class StubDriverTest {

    @Test
    void registeredForItsOwnUrlsOnly() throws SQLException {
        assertThat(DriverManager.getDriver("jdbc:stub:x")).isInstanceOf(StubDriver.class);
        assertThat(new StubDriver().acceptsURL("jdbc:mysql://localhost/db")).isFalse();
        assertThat(new StubDriver().connect("jdbc:mysql://localhost/db", null)).isNull();
    }

    @Test
    void queryReturnsTheCannedRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:stub:x");
                PreparedStatement statement = connection.prepareStatement("SELECT id, name, balance FROM t")) {
            statement.setLong(1, 1);
            try (ResultSet rows = statement.executeQuery()) {
                int count = 0;
                while (rows.next()) {
                    count++;
                    assertThat(rows.getLong("id")).isEqualTo(count);
                    assertThat(rows.getString(2)).isNotEmpty();
                    assertThat(rows.getString(1)).isEqualTo(Long.toString(count));
                }
                assertThat(count).isEqualTo(StubResultSet.ROW_COUNT);
                assertThat(rows.next()).isFalse();
                assertThatThrownBy(() -> rows.getLong(1)).isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void executeTellsQueriesFromUpdates() throws SQLException {
        try (Connection connection = new StubDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            assertThat(statement.execute("  (SELECT 1)")).isTrue();
            assertThat(statement.getResultSet()).isNotNull();
            assertThat(statement.getUpdateCount()).isEqualTo(-1);
            assertThat(statement.execute("UPDATE t SET a = 1 WHERE id = 2")).isFalse();
            assertThat(statement.getResultSet()).isNull();
            assertThat(statement.getUpdateCount()).isEqualTo(1);
        }
    }

    @Test
    void batchCountsOneRowPerEntry() throws SQLException {
        try (Connection connection = new StubDataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE t SET a = ? WHERE id = ?")) {
            for (int i = 0; i < 3; i++) {
                statement.setInt(1, i);
                statement.addBatch();
            }
            assertThat(statement.executeBatch()).containsExactly(1, 1, 1);
            assertThat(statement.executeBatch()).isEmpty();
        }
    }

    @Test
    void closedStatementIsRecycledOpenOneIsNot() throws SQLException {
        try (Connection connection = new StubDataSource().getConnection()) {
            PreparedStatement first = connection.prepareStatement("SELECT 1");
            PreparedStatement second = connection.prepareStatement("SELECT 2");
            assertThat(second).isNotSameAs(first);
            second.close();
            assertThat(connection.prepareStatement("SELECT 3")).isSameAs(second);
            assertThat(first.isClosed()).isFalse();
        }
    }

    @Test
    void closedObjectsAndUnimplementedMethodsFailLoudly() throws SQLException {
        Connection connection = new StubDataSource().getConnection();
        Statement statement = connection.createStatement();
        statement.close();
        assertThatThrownBy(() -> statement.execute("SELECT 1")).isInstanceOf(SQLException.class);
        assertThatThrownBy(connection::getMetaData).isInstanceOf(SQLFeatureNotSupportedException.class);
        // the generated methods of each stub class, as the benchmarks would meet them
        var prepared = connection.prepareStatement("SELECT 1");
        assertThatThrownBy(() -> prepared.setBlob(1, (java.sql.Blob) null))
                .isInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessage("not implemented by the benchmark stub driver");
        var rows = prepared.executeQuery();
        assertThatThrownBy(rows::getMetaData).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> connection.createStatement().getGeneratedKeys())
                .isInstanceOf(SQLFeatureNotSupportedException.class);
        connection.close();
        assertThatThrownBy(connection::createStatement).hasMessageContaining("closed");
    }
}
