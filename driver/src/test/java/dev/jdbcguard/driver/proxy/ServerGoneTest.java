package dev.jdbcguard.driver.proxy;

import static dev.jdbcguard.driver.testing.Guarded.connect;
import static dev.jdbcguard.driver.testing.Guarded.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.driver.hook.RecordingHook;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server ends the session (admin KILL): the driver's own exception reaches the caller, and the hook sees the failure and the close. */
@ExtendWith(TestDatabaseExtension.class)
class ServerGoneTest {

    private final TestDatabase db;

    ServerGoneTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void killedDuringAStatement() throws Exception {
        RecordingHook hook = new RecordingHook();
        Connection connection = connect(db, hook, "");
        long id = Long.parseLong(single(connection, "SELECT CONNECTION_ID()"));
        Statement statement = connection.createStatement();
        CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> {
            try {
                return statement.execute("SELECT SLEEP(30)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitRunning(id, "SELECT SLEEP(30)");
        kill(id);
        assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().cause()
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(e.getClass().getName()).startsWith("com.mysql.cj."));
        assertThat(hook.events).containsSubsequence("EXECUTE SELECT SLEEP(30)", "AFTER SELECT SLEEP(30) FAILED");
        connection.close();
        assertThat(connection.isClosed()).isTrue();
        assertThat(hook.only("CLOSED")).hasSize(1);
    }

    @Test
    void killedBeforeAStatement() throws Exception {
        RecordingHook hook = new RecordingHook();
        Connection connection = connect(db, hook, "");
        long id = Long.parseLong(single(connection, "SELECT CONNECTION_ID()"));
        PreparedStatement statement = connection.prepareStatement("SELECT ?");
        kill(id);
        statement.setInt(1, 1);
        assertThatThrownBy(statement::executeQuery)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(e.getClass().getName()).startsWith("com.mysql.cj."));
        assertThat(hook.events).containsSubsequence("EXECUTE_PREPARED SELECT ? [verdict:SELECT ?]", "AFTER verdict:SELECT ? FAILED");
        assertThat(hook.executionFailures).singleElement().isInstanceOf(SQLException.class);
        connection.close();
        connection.close();
        assertThat(hook.only("CLOSED")).hasSize(1);
    }

    private void kill(long id) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("KILL " + id);
        }
    }

    private void awaitRunning(long id, String sql) throws SQLException, InterruptedException {
        try (Connection admin = db.adminConnection();
             PreparedStatement statement = admin.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ? AND INFO = ?")) {
            statement.setLong(1, id);
            statement.setString(2, sql);
            for (int attempt = 0; attempt < 500; attempt++) {
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    if (result.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the statement never started on the server");
    }
}
