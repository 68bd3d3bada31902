package dev.jdbcguard.driver.proxy;

import static dev.jdbcguard.driver.testing.Guarded.admin;
import static dev.jdbcguard.driver.testing.Guarded.connect;
import static dev.jdbcguard.driver.testing.Guarded.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.jdbc.JdbcConnection;
import dev.jdbcguard.driver.hook.RecordingHook;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every JDBC way to run SQL reaches the hook before the server, and its outcome after. */
@ExtendWith(TestDatabaseExtension.class)
class SqlPathsTest {

    private static final String INSERT = "INSERT INTO paths(v) VALUES ('%s')";

    private final TestDatabase db;
    private final RecordingHook hook = new RecordingHook();
    private Connection connection;

    SqlPathsTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() throws SQLException {
        admin(db, "DROP TABLE IF EXISTS paths", "CREATE TABLE paths (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(40))",
                "CREATE OR REPLACE PROCEDURE paths_count() SELECT COUNT(*) FROM paths");
        // the procedure belongs to admin: Connector/J may not read its body as the app user
        connection = connect(db, hook, "noAccessToProcedureBodies=true");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static String insert(String value) {
        return String.format(INSERT, value);
    }

    /** Asserts the hook saw {@code source sql} and then its successful outcome. */
    private void assertSeen(String source, String sql) {
        assertThat(hook.events).containsSubsequence(source + " " + sql, "AFTER " + sql);
    }

    @Test
    void everyStatementExecuteOverloadIsSeenBeforeAndAfter() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(insert("execute"));
            statement.execute(insert("execute-keys"), Statement.RETURN_GENERATED_KEYS);
            statement.execute(insert("execute-indexes"), new int[] {1});
            statement.execute(insert("execute-names"), new String[] {"id"});
            statement.executeUpdate(insert("update"));
            statement.executeUpdate(insert("update-keys"), Statement.RETURN_GENERATED_KEYS);
            statement.executeUpdate(insert("update-indexes"), new int[] {1});
            statement.executeUpdate(insert("update-names"), new String[] {"id"});
            statement.executeLargeUpdate(insert("large"));
            statement.executeLargeUpdate(insert("large-keys"), Statement.RETURN_GENERATED_KEYS);
            statement.executeLargeUpdate(insert("large-indexes"), new int[] {1});
            statement.executeLargeUpdate(insert("large-names"), new String[] {"id"});
            try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM paths")) {
                result.next();
                assertThat(result.getInt(1)).isEqualTo(12);
            }
        }
        for (String value : List.of("execute", "execute-keys", "execute-indexes", "execute-names", "update", "update-keys",
                "update-indexes", "update-names", "large", "large-keys", "large-indexes", "large-names")) {
            assertSeen("EXECUTE", insert(value));
        }
        assertSeen("EXECUTE", "SELECT COUNT(*) FROM paths");
    }

    @Test
    void batchTextsAreSeenWhenAddedAndTheBatchOutcomeAfter() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.addBatch(insert("batch-1"));
            statement.addBatch(insert("batch-2"));
            assertThat(statement.executeBatch()).containsExactly(1, 1);
            statement.addBatch(insert("large-batch"));
            assertThat(statement.executeLargeBatch()).containsExactly(1L);
        }
        assertThat(hook.events).containsSubsequence("BATCH_ADD " + insert("batch-1"), "BATCH_ADD " + insert("batch-2"),
                "AFTER null", "BATCH_ADD " + insert("large-batch"), "AFTER null");
        assertThat(count(db, "paths")).isEqualTo(3);
    }

    @Test
    void everyPrepareOverloadIsSeenAndItsVerdictReachesEachExecution() throws SQLException {
        String[] texts = new String[6];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = "INSERT INTO paths(v) VALUES (?) /* prepare " + i + " */";
        }
        List<PreparedStatement> statements = List.of(
                connection.prepareStatement(texts[0]),
                connection.prepareStatement(texts[1], Statement.RETURN_GENERATED_KEYS),
                connection.prepareStatement(texts[2], new int[] {1}),
                connection.prepareStatement(texts[3], new String[] {"id"}),
                connection.prepareStatement(texts[4], ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY),
                connection.prepareStatement(texts[5], ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY,
                        ResultSet.CLOSE_CURSORS_AT_COMMIT));
        for (int i = 0; i < texts.length; i++) {
            PreparedStatement statement = statements.get(i);
            statement.setString(1, "p" + i);
            assertThat(statement.executeUpdate()).isEqualTo(1);
            statement.close();
            assertThat(hook.events).containsSubsequence("PREPARE " + texts[i],
                    "EXECUTE_PREPARED " + texts[i] + " [verdict:" + texts[i] + "]", "AFTER verdict:" + texts[i]);
        }
        assertThat(count(db, "paths")).isEqualTo(6);
    }

    @Test
    void everyPreparedExecutionPathIsSeen() throws SQLException {
        String sql = "INSERT INTO paths(v) VALUES (?)";
        String verdict = "verdict:" + sql;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, "execute");
            assertThat(statement.execute()).isFalse();
            statement.setString(1, "update");
            statement.executeUpdate();
            statement.setString(1, "large");
            statement.executeLargeUpdate();
            statement.setString(1, "batch-1");
            statement.addBatch();
            statement.setString(1, "batch-2");
            statement.addBatch();
            assertThat(statement.executeBatch()).hasSize(2);
            statement.setString(1, "large-batch");
            statement.addBatch();
            assertThat(statement.executeLargeBatch()).hasSize(1);
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM paths WHERE v LIKE ?")) {
            query.setString(1, "%");
            try (ResultSet result = query.executeQuery()) {
                result.next();
                assertThat(result.getInt(1)).isEqualTo(6);
            }
        }
        assertThat(hook.only("EXECUTE_PREPARED")).containsExactly(
                "EXECUTE_PREPARED " + sql + " [" + verdict + "]", "EXECUTE_PREPARED " + sql + " [" + verdict + "]",
                "EXECUTE_PREPARED " + sql + " [" + verdict + "]", "EXECUTE_PREPARED " + sql + " [" + verdict + "]",
                "EXECUTE_PREPARED " + sql + " [" + verdict + "]",
                "EXECUTE_PREPARED SELECT COUNT(*) FROM paths WHERE v LIKE ? [verdict:SELECT COUNT(*) FROM paths WHERE v LIKE ?]");
        assertThat(hook.only("AFTER")).hasSize(6).allMatch(event -> event.startsWith("AFTER verdict:"));
    }

    @Test
    void everyPrepareCallOverloadAndNativeSqlIsSeen() throws SQLException {
        admin(db, "INSERT INTO paths(v) VALUES ('one')");
        String call = "{call paths_count()}";
        List<CallableStatement> calls = List.of(connection.prepareCall(call),
                connection.prepareCall(call, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY),
                connection.prepareCall(call, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, ResultSet.CLOSE_CURSORS_AT_COMMIT));
        for (CallableStatement statement : calls) {
            try (statement; ResultSet result = statement.executeQuery()) {
                result.next();
                assertThat(result.getInt(1)).isEqualTo(1);
            }
        }
        assertThat(hook.only("PREPARE_CALL")).containsExactly("PREPARE_CALL " + call, "PREPARE_CALL " + call, "PREPARE_CALL " + call);
        assertThat(hook.only("EXECUTE_PREPARED")).containsOnly("EXECUTE_PREPARED " + call + " [verdict:" + call + "]").hasSize(3);
        assertThat(connection.nativeSQL("SELECT {fn UCASE('x')}")).isEqualTo("SELECT UCASE('x')");
        assertThat(hook.events).contains("NATIVE_SQL SELECT {fn UCASE('x')}");
    }

    @Test
    void connectorJsOwnPrepareMethodsAreSeenToo() throws SQLException {
        JdbcConnection vendor = (JdbcConnection) connection;
        String client = insert("client") + " /* ? */";
        String server = "INSERT INTO paths(v) VALUES (?)";
        try (PreparedStatement clientSide = vendor.clientPrepareStatement(client);
             PreparedStatement serverSide = vendor.serverPrepareStatement(server, Statement.RETURN_GENERATED_KEYS)) {
            assertThat(clientSide).isInstanceOf(GuardPreparedStatement.class);
            assertThat(serverSide).isInstanceOf(GuardPreparedStatement.class);
            clientSide.executeUpdate();
            serverSide.setString(1, "server");
            serverSide.executeUpdate();
        }
        assertThat(hook.events).containsSubsequence("PREPARE " + client, "PREPARE " + server,
                "EXECUTE_PREPARED " + client + " [verdict:" + client + "]", "EXECUTE_PREPARED " + server + " [verdict:" + server + "]");
        assertThat(count(db, "paths")).isEqualTo(2);
    }

    @Test
    void aHookThatThrowsBlocksEveryPathBeforeTheServer() throws SQLException {
        String blocked = insert("blocked") + " /* GUARD_BLOCK_ME */";
        try (Statement statement = connection.createStatement()) {
            assertBlocked(() -> statement.execute(blocked));
            assertBlocked(() -> statement.executeUpdate(blocked));
            assertBlocked(() -> statement.executeLargeUpdate(blocked, new String[] {"id"}));
            assertBlocked(() -> statement.executeQuery("SELECT 1 /* GUARD_BLOCK_ME */"));
            statement.addBatch(insert("allowed"));
            assertBlocked(() -> statement.addBatch(blocked));
            assertThat(statement.executeBatch()).containsExactly(1);
        }
        assertBlocked(() -> connection.prepareStatement(blocked));
        assertBlocked(() -> ((JdbcConnection) connection).serverPrepareStatement(blocked));
        assertBlocked(() -> connection.prepareCall("{call paths_count()} /* GUARD_BLOCK_ME */"));
        assertBlocked(() -> connection.nativeSQL(blocked));
        assertThat(count(db, "paths")).isEqualTo(1);
        assertThat(hook.only("AFTER")).containsExactly("AFTER null");
    }

    private static void assertBlocked(ThrowingRunnable action) {
        assertThatThrownBy(action::run).isInstanceOf(SQLException.class).hasMessageStartingWith("blocked by test hook");
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws SQLException;
    }

    @Test
    void aFailingExecutionReachesTheCallerUnchangedAndTheHookAsFailure() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no_such_table");
        }
        assertThat(hook.events).containsSubsequence("EXECUTE SELECT * FROM no_such_table", "AFTER SELECT * FROM no_such_table FAILED");
        assertThat(hook.executionFailures).singleElement().isInstanceOf(SQLException.class);
    }
}
