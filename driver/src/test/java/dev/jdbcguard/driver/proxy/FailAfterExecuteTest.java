package dev.jdbcguard.driver.proxy;

import static dev.jdbcguard.driver.testing.Guarded.admin;
import static dev.jdbcguard.driver.testing.Guarded.connect;
import static dev.jdbcguard.driver.testing.Guarded.count;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hook that throws from {@code afterExecute} fails the call after the statement ran: its effects
 * stand, the result set it produced is closed, the statement stays usable, and a failure of the
 * target driver itself stays the exception the application gets.
 */
@ExtendWith(TestDatabaseExtension.class)
class FailAfterExecuteTest {

    /** A query with an effect: it inserts a row and returns its id (Connector/J runs only SELECTs through executeQuery). */
    private static final String SELECT_INSERTING = "SELECT after_fail_add('%s')";

    private final TestDatabase db;
    private final RecordingHook hook = new RecordingHook();
    private Connection connection;

    FailAfterExecuteTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() throws SQLException {
        admin(db, "DROP TABLE IF EXISTS after_fail", "CREATE TABLE after_fail (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(40))",
                "CREATE OR REPLACE FUNCTION after_fail_add(value VARCHAR(40)) RETURNS INT MODIFIES SQL DATA"
                        + " BEGIN INSERT INTO after_fail(v) VALUES (value); RETURN LAST_INSERT_ID(); END");
        connection = connect(db, hook, "");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static String insert(String value) {
        return "INSERT INTO after_fail(v) VALUES ('" + value + "')";
    }

    private static String selectInserting(String value) {
        return String.format(SELECT_INSERTING, value);
    }

    /** {@code action} throws the hook's exception for {@code token}, and the row it inserted is there. */
    private void assertFailedAfterRunning(ThrowingRunnable action, Object token, long rowsAfter) throws SQLException {
        assertThatThrownBy(action::run).isInstanceOf(SQLException.class)
                .hasMessage("failed by test hook after " + token)
                .hasNoSuppressedExceptions();
        assertThat(count(db, "after_fail")).isEqualTo(rowsAfter);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws SQLException;
    }

    /** The statement still runs a query and its results can be read. */
    private void assertUsable(Statement statement) throws SQLException {
        hook.failAfterExecute = false;
        try (ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM after_fail")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getLong(1)).isEqualTo(count(db, "after_fail"));
        }
    }

    @Test
    void everyStatementExecuteFailsAfterTheStatementRan() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            hook.failAfterExecute = true;
            assertFailedAfterRunning(() -> statement.execute(insert("execute")), insert("execute"), 1);
            assertFailedAfterRunning(() -> statement.executeUpdate(insert("update")), insert("update"), 2);
            assertFailedAfterRunning(() -> statement.executeLargeUpdate(insert("large")), insert("large"), 3);
            statement.addBatch(insert("batch-1"));
            statement.addBatch(insert("batch-2"));
            assertFailedAfterRunning(statement::executeBatch, null, 5);
            assertThat(hook.resultsFailedAfter).isEmpty();
            assertUsable(statement);
        }
    }

    @Test
    void theResultSetOfAFailedQueryIsClosedBeforeTheHooksExceptionIsThrown() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            hook.failAfterExecute = true;
            assertFailedAfterRunning(() -> statement.executeQuery(selectInserting("query")), selectInserting("query"), 1);
            assertFailedAfterRunning(() -> statement.execute(selectInserting("execute")), selectInserting("execute"), 2);
            assertThat(hook.resultsFailedAfter).hasSize(2);
            for (ResultSet raw : hook.resultsFailedAfter) {
                assertThat(raw.isClosed()).isTrue();
            }
            // the application never received those result sets, so the hook never saw them open
            assertThat(hook.only("ROWS")).isEmpty();
            assertUsable(statement);
        }
    }

    @Test
    void everyPreparedExecuteFailsAfterTheStatementRan() throws SQLException {
        String sql = "SELECT after_fail_add(?)";
        Object token = "verdict:" + sql;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            hook.failAfterExecute = true;
            statement.setString(1, "query");
            assertFailedAfterRunning(statement::executeQuery, token, 1);
            statement.setString(1, "execute");
            assertFailedAfterRunning(statement::execute, token, 2);
            assertThat(hook.resultsFailedAfter).hasSize(2).allSatisfy(raw -> assertThat(raw.isClosed()).isTrue());
            try (PreparedStatement update = connection.prepareStatement("INSERT INTO after_fail(v) VALUES (?)")) {
                Object updateToken = "verdict:INSERT INTO after_fail(v) VALUES (?)";
                update.setString(1, "update");
                assertFailedAfterRunning(update::executeUpdate, updateToken, 3);
                update.setString(1, "batch-1");
                update.addBatch();
                update.setString(1, "batch-2");
                update.addBatch();
                assertFailedAfterRunning(update::executeBatch, updateToken, 5);
            }
            hook.failAfterExecute = false;
            statement.setString(1, "again");
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(6);
            }
        }
    }

    @Test
    void generatedKeysStillAnswerAfterTheHookFailedTheCall() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            hook.failAfterExecute = true;
            assertFailedAfterRunning(() -> statement.executeUpdate(insert("keys"), Statement.RETURN_GENERATED_KEYS),
                    insert("keys"), 1);
            try (ResultSet keys = statement.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void aFailureOfTheTargetDriverStaysTheOneThrownWithTheHooksExceptionSuppressed() throws SQLException {
        try (Statement statement = connection.createStatement();
             PreparedStatement prepared = connection.prepareStatement("INSERT INTO after_fail(id, v) VALUES (?, 'dup')")) {
            hook.failAfterExecute = true;
            assertThatThrownBy(() -> statement.executeQuery("SELECT FROM after_fail"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("SQL syntax")
                    .satisfies(thrown -> assertThat(thrown.getSuppressed()).singleElement()
                            .satisfies(hookFailure -> assertThat(hookFailure).hasMessage("failed by test hook after SELECT FROM after_fail")));
            assertThat(hook.executionFailures).singleElement().isNotInstanceOf(RuntimeException.class);
            prepared.setInt(1, 7);
            hook.failAfterExecute = false;
            prepared.executeUpdate();
            hook.failAfterExecute = true;
            assertThatThrownBy(prepared::executeUpdate)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Duplicate entry")
                    .satisfies(thrown -> assertThat(thrown.getSuppressed()).singleElement()
                            .satisfies(hookFailure -> assertThat(hookFailure).hasMessageStartingWith("failed by test hook after verdict:")));
            assertThat(count(db, "after_fail")).isEqualTo(1);
            assertUsable(statement);
        }
    }

    @Test
    void aHookRethrowingTheTargetDriversFailureLeavesItAsItWas() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            hook.rethrowFailure = true;
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no_such_table")
                    .hasNoSuppressedExceptions()
                    .isSameAs(hook.executionFailures.get(0));
        }
    }

    @Test
    void aResultSetTheHookRefusesAsItOpensIsClosed() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            hook.refuseResults = true;
            assertThatThrownBy(() -> statement.executeQuery(selectInserting("refused")))
                    .isInstanceOf(SQLException.class)
                    .hasMessage("result refused by test hook: " + selectInserting("refused"));
            assertThat(count(db, "after_fail")).isEqualTo(1);
            assertThat(hook.resultsFailedAfter).singleElement().satisfies(raw -> assertThat(raw.isClosed()).isTrue());
            hook.refuseResults = false;
            assertUsable(statement);
        }
    }
}
