package dev.jdbcguard.driver.proxy;

import static dev.jdbcguard.driver.testing.Guarded.admin;
import static dev.jdbcguard.driver.testing.Guarded.connect;
import static dev.jdbcguard.driver.testing.Guarded.login;
import static dev.jdbcguard.driver.testing.Guarded.sessionGone;
import static dev.jdbcguard.driver.testing.Guarded.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.jdbc.ClientPreparedStatement;
import com.mysql.cj.jdbc.ConnectionImpl;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcPreparedStatement;
import com.mysql.cj.jdbc.JdbcStatement;
import com.mysql.cj.jdbc.ServerPreparedStatement;
import com.mysql.cj.jdbc.StatementImpl;
import com.mysql.cj.jdbc.result.ResultSetInternalMethods;
import dev.jdbcguard.GuardDriver;
import dev.jdbcguard.driver.hook.ConnectionHookFactory;
import dev.jdbcguard.driver.hook.RecordingHook;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The transparency contract: an application cannot tell the proxies from Connector/J's objects, except that the guard sees everything. */
@ExtendWith(TestDatabaseExtension.class)
class TransparencyTest {

    private final TestDatabase db;
    private final RecordingHook hook = new RecordingHook();
    private Connection connection;

    TransparencyTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() throws SQLException {
        admin(db, "DROP TABLE IF EXISTS five", "CREATE TABLE five (id INT PRIMARY KEY)", "INSERT INTO five VALUES (1),(2),(3),(4),(5)");
        connection = connect(db, hook, "");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void unwrapReachesTheRealObjectAndEveryInterfaceItImplements() throws SQLException {
        JdbcConnection real = connection.unwrap(JdbcConnection.class);
        assertThat(real).isNotSameAs(connection).isInstanceOf(ConnectionImpl.class).isNotInstanceOf(GuardConnection.class);
        assertThat(connection.unwrap(ConnectionImpl.class)).isSameAs(real);
        assertThat(connection.unwrap(Connection.class)).isSameAs(real);
        assertThat(connection.unwrap(GuardConnection.class)).isSameAs(connection);
        assertThat(connection.isWrapperFor(ConnectionImpl.class)).isTrue();
        assertThat(connection.isWrapperFor(com.mysql.cj.MysqlConnection.class)).isTrue();
        assertThat(connection.isWrapperFor(GuardConnection.class)).isTrue();
        assertThat(connection.isWrapperFor(String.class)).isFalse();
        assertThatThrownBy(() -> connection.unwrap(String.class)).isInstanceOf(SQLException.class);

        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT 1")) {
            assertThat(statement.unwrap(StatementImpl.class)).isNotInstanceOf(GuardStatement.class);
            assertThat(statement.isWrapperFor(JdbcStatement.class)).isTrue();
            assertThat(result.unwrap(ResultSetInternalMethods.class)).isNotInstanceOf(GuardResultSet.class);
            assertThat(connection.getMetaData().unwrap(com.mysql.cj.jdbc.DatabaseMetaData.class)).isNotInstanceOf(GuardDatabaseMetaData.class);
        }
    }

    @Test
    void theProxiesImplementConnectorJsVendorInterfaces() throws SQLException {
        JdbcConnection vendor = (JdbcConnection) connection;
        assertThat(vendor.getServerVersion().toString()).isNotBlank();
        assertThat(vendor.getHost()).isEqualTo(db.host());
        assertThat(vendor.getMultiHostSafeProxy()).isSameAs(connection);
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT id FROM five")) {
            assertThat(((JdbcStatement) statement).enquoteLiteral("a'b")).isEqualTo("'a''b'");
            assertThat(result.next()).isTrue();
            assertThat(((ResultSetInternalMethods) result).getBigInteger(1)).isEqualTo(java.math.BigInteger.ONE);
            assertThat(((JdbcStatement) statement).getResultSetInternal()).isSameAs(result);
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM five WHERE id = ?")) {
            assertThat(((JdbcPreparedStatement) statement).getPreparedSql()).isEqualTo("SELECT id FROM five WHERE id = ?");
            assertThat(statement.unwrap(ClientPreparedStatement.class)).isNotInstanceOf(GuardStatement.class);
        }
        Statement internal = vendor.getMetaDataSafeStatement();
        assertThat(internal).isInstanceOf(GuardStatement.class);
        assertThat(internal.getConnection()).isSameAs(connection);
        internal.close();
    }

    @Test
    void serverSidePreparedStatementsKeepTheirVendorType() throws SQLException {
        try (Connection server = connect(db, hook, "useServerPrepStmts=true");
             PreparedStatement statement = server.prepareStatement("SELECT id FROM five WHERE id = ?")) {
            assertThat(statement.unwrap(ServerPreparedStatement.class)).isNotNull();
            assertThat(statement).isInstanceOf(JdbcPreparedStatement.class).isInstanceOf(GuardPreparedStatement.class);
        }
    }

    @Test
    void aLoadBalancedConnectionWhichIsItselfAJdkProxyIsGuardedWithItsVendorInterfaces() throws SQLException {
        String hosts = db.host() + ":" + db.port() + "," + db.host() + ":" + db.port();
        try (Connection balanced = new GuardDriver(hook).connect("jdbc:guard:mysql:loadbalance://" + hosts + "/" + db.database(),
                login(db.app()))) {
            assertThat(Proxy.isProxyClass(balanced.unwrap(Connection.class).getClass())).isTrue();
            assertThat(balanced).isInstanceOf(GuardConnection.class).isInstanceOf(com.mysql.cj.jdbc.ha.LoadBalancedConnection.class);
            assertThat(single(balanced, "SELECT 'balanced'")).isEqualTo("balanced");
        }
        assertThat(hook.events).containsSubsequence("EXECUTE SELECT 'balanced'", "AFTER SELECT 'balanced'");
    }

    @Test
    void everyWayBackToAParentReturnsTheProxy() throws SQLException {
        try (Statement statement = connection.createStatement();
             PreparedStatement prepared = connection.prepareStatement("SELECT id FROM five");
             CallableStatement callable = connection.prepareCall("SELECT id FROM five")) {
            assertThat(statement.getConnection()).isSameAs(connection);
            assertThat(prepared.getConnection()).isSameAs(connection);
            assertThat(callable.getConnection()).isSameAs(connection);
            ResultSet query = statement.executeQuery("SELECT id FROM five");
            assertThat(query.getStatement()).isSameAs(statement);
            assertThat(statement.execute("SELECT id FROM five")).isTrue();
            ResultSet current = statement.getResultSet();
            assertThat(current.getStatement()).isSameAs(statement);
            assertThat(statement.getResultSet()).isSameAs(current);
            assertThat(prepared.executeQuery().getStatement()).isSameAs(prepared);
            assertThat(callable.executeQuery().getStatement()).isSameAs(callable);
            statement.executeUpdate("INSERT INTO five VALUES (6)", Statement.RETURN_GENERATED_KEYS);
            assertThat(statement.getGeneratedKeys()).isInstanceOf(GuardResultSet.class);
        }
        DatabaseMetaData metaData = connection.getMetaData();
        assertThat(metaData).isInstanceOf(GuardDatabaseMetaData.class);
        assertThat(metaData.getConnection()).isSameAs(connection);
        try (ResultSet tables = metaData.getTables(db.database(), null, "five", null)) {
            assertThat(tables).isInstanceOf(GuardResultSet.class);
            assertThat(tables.next()).isTrue();
            assertThat(tables.getString("TABLE_NAME")).isEqualTo("five");
            Statement owner = tables.getStatement();
            assertThat(owner == null || owner instanceof GuardStatement).as("metadata result's statement %s", owner).isTrue();
        }
    }

    @Test
    void equalsHashCodeAndToStringAreThoseOfTheWrappedObject() throws SQLException {
        GuardDriver driver = new GuardDriver(ConnectionHookFactory.NONE);
        try (Connection other = driver.connect(db.guardUrl(""), login(db.app()));
             Connection third = driver.connect(db.guardUrl(""), login(db.app()))) {
            assertThat(connection).isEqualTo(connection).isNotEqualTo(other).isNotEqualTo(null);
            assertThat(connection.hashCode()).isEqualTo(connection.hashCode());
            assertThat(connection.toString()).isEqualTo("jdbc-guard:" + connection.unwrap(Connection.class));
            assertThat(third.getClass()).as("one generated class per shape and driver").isSameAs(other.getClass());
        }
        DatabaseMetaData first = connection.getMetaData();
        try (ResultSet one = first.getCatalogs(); ResultSet two = first.getCatalogs()) {
            assertThat(one).isNotEqualTo(two);
        }
        assertThat(Modifier.isFinal(connection.getClass().getModifiers())).isTrue();
        assertThat(Proxy.isProxyClass(connection.getClass())).isFalse();
        assertThat(connection.getClass().getSuperclass()).isSameAs(GuardConnection.class);
    }

    @Test
    void closingTheProxyClosesTheTargetOnceAndReportsOnce() throws SQLException, InterruptedException {
        long id = Long.parseLong(single(connection, "SELECT CONNECTION_ID()"));
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT id FROM five");
        result.close();
        result.close();
        statement.close();
        statement.close();
        assertThat(statement.isClosed()).isTrue();
        connection.close();
        connection.close();
        connection.abort(Runnable::run);
        assertThat(connection.isClosed()).isTrue();
        assertThat(connection.unwrap(Connection.class).isClosed()).isTrue();
        assertThat(hook.only("CLOSED")).hasSize(1);
        assertThat(hook.only("ABORTED")).isEmpty();
        assertThat(hook.only("RESULT_CLOSED")).filteredOn(event -> event.contains("five")).hasSize(1);
        assertThat(sessionGone(db, id, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void abortReportsOnceEvenWhenCloseFollows() throws SQLException, InterruptedException {
        long id = Long.parseLong(single(connection, "SELECT CONNECTION_ID()"));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            connection.abort(executor);
            connection.close();
        } finally {
            executor.shutdown();
        }
        assertThat(connection.isClosed()).isTrue();
        assertThat(hook.only("ABORTED")).hasSize(1);
        assertThat(hook.only("CLOSED")).isEmpty();
        assertThat(sessionGone(db, id, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void warningsAreTheDriversFollowedByTheGuardsAndClearTogether() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("SELECT CAST('abc' AS SIGNED) /* GUARD_WARN_ME */")) {
                result.next();
            }
            List<String> chain = messages(statement.getWarnings());
            assertThat(chain).hasSize(2);
            assertThat(chain.get(0)).containsIgnoringCase("Truncated incorrect");
            assertThat(chain.get(1)).isEqualTo("guard warning for EXECUTE");
            assertThat(messages(statement.getWarnings())).as("asking twice changes nothing").isEqualTo(chain);
            statement.clearWarnings();
            assertThat((Object) statement.getWarnings()).isNull();
        }
        connection.prepareStatement("SELECT 1 /* GUARD_WARN_ME */").close();
        assertThat(messages(connection.getWarnings())).containsExactly("guard warning for PREPARE");
        connection.clearWarnings();
        assertThat((Object) connection.getWarnings()).isNull();
    }

    @Test
    void eachGuardWarningGoesToTheObjectWhoseCallRaisedIt() throws SQLException {
        hook.warnOnEveryEvent = true;
        String query = "SELECT id FROM five ORDER BY id";
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("UPDATE five SET id = id WHERE id = 0 /* GUARD_WARN_ME */");
            assertThat(messages(statement.getWarnings())).containsExactly("guard warning for BATCH_ADD");
            statement.clearWarnings();
            try (ResultSet result = statement.executeQuery(query)) {
                while (result.next()) {
                    // rowsRead is called at 0, 2 and 4 rows (RecordingHook's interval)
                }
            }
            assertThat(messages(statement.getWarnings())).containsExactly("guard warning for AFTER " + query,
                    "guard warning for ROWS 0", "guard warning for ROWS 2", "guard warning for ROWS 4");
        }
        assertThat((Object) connection.getWarnings()).as("nothing of the statement's on the connection").isNull();
        connection.setAutoCommit(false);
        connection.commit();
        connection.setAutoCommit(true);
        assertThat(messages(connection.getWarnings())).containsExactly("guard warning for TX AUTO_COMMIT_OFF",
                "guard warning for TX COMMIT", "guard warning for TX AUTO_COMMIT_ON");
        connection.clearWarnings();
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "five", null)) {
            assertThat(messages(connection.getWarnings())).as("a metadata result set's warnings go to the connection")
                    .containsExactly("guard warning for ROWS 0");
        }
    }

    @Test
    void theWarningsOfAFailedCallGoWithItsException() throws SQLException {
        hook.warnOnEveryEvent = true;
        hook.failAfterExecute = true;
        try (Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE five SET id = id WHERE id = 0"))
                    .hasMessageStartingWith("failed by test hook")
                    .satisfies(failure -> assertThat(failure.getSuppressed()).extracting(Throwable::getMessage)
                            .containsExactly("guard warning for AFTER UPDATE five SET id = id WHERE id = 0"));
            assertThat((Object) statement.getWarnings()).isNull();
            hook.failAfterExecute = false;
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM no_such_table"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(failure -> assertThat(failure.getSuppressed()).extracting(Throwable::getMessage)
                            .containsExactly("guard warning for AFTER SELECT * FROM no_such_table"));
        }
    }

    private static List<String> messages(SQLWarning warning) {
        List<String> messages = new ArrayList<>();
        for (SQLWarning each = warning; each != null && messages.size() < 10; each = each.getNextWarning()) {
            messages.add(each.getMessage());
        }
        return messages;
    }

    @Test
    void rowsReadAndResultCloseReachTheHook() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            ResultSet result = statement.executeQuery("SELECT id FROM five");
            int rows = 0;
            while (result.next()) {
                rows++;
            }
            result.close();
            assertThat(rows).isEqualTo(5);
        }
        assertThat(hook.events).containsSubsequence("ROWS SELECT id FROM five 0", "ROWS SELECT id FROM five 2",
                "ROWS SELECT id FROM five 4", "RESULT_CLOSED SELECT id FROM five 5");
        assertThat(hook.only("ROWS")).hasSize(3);
    }

    @Test
    void transactionBoundariesReachTheHook() throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO five VALUES (10)");
            connection.rollback();
            statement.executeUpdate("INSERT INTO five VALUES (11)");
            connection.commit();
        }
        connection.setAutoCommit(true);
        assertThat(hook.only("TX")).containsExactly("TX AUTO_COMMIT_OFF", "TX ROLLBACK", "TX COMMIT", "TX AUTO_COMMIT_ON");
        assertThat(single(connection, "SELECT GROUP_CONCAT(id ORDER BY id) FROM five WHERE id >= 10")).isEqualTo("11");
    }
}
