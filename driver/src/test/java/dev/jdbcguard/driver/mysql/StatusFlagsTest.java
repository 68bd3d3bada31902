package dev.jdbcguard.driver.mysql;

import static dev.jdbcguard.driver.testing.Guarded.admin;
import static dev.jdbcguard.driver.testing.Guarded.connect;
import static dev.jdbcguard.driver.testing.Guarded.login;
import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.NoSubInterceptorWrapper;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.jdbc.JdbcConnection;
import dev.jdbcguard.GuardDriver;
import dev.jdbcguard.driver.hook.RecordingHook;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's "no index used" flag reaches the hook through the guard's Connector/J interceptor,
 * with no extra round trip, for plain, client-side prepared and server-side prepared statements.
 */
@ExtendWith(TestDatabaseExtension.class)
class StatusFlagsTest {

    private static final String FULL_SCAN = "SELECT id FROM flags WHERE b = 'x5'";
    private static final String INDEXED = "SELECT id FROM flags WHERE id = 5";
    private static final String FULL_SCAN_PREPARED = "SELECT id FROM flags WHERE b = ?";
    private static final String INDEXED_PREPARED = "SELECT id FROM flags WHERE id = ?";

    private final TestDatabase db;

    StatusFlagsTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void table(TestDatabase db) throws SQLException {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            rows.append(i == 1 ? "" : ",").append("(").append(i).append(",'x").append(i).append("')");
        }
        admin(db, "DROP TABLE IF EXISTS flags", "CREATE TABLE flags (id INT PRIMARY KEY, b VARCHAR(10))",
                "INSERT INTO flags VALUES " + rows);
    }

    @Test
    void plainStatements() throws SQLException {
        RecordingHook hook = new RecordingHook();
        try (Connection connection = connect(db, hook, ""); Statement statement = connection.createStatement()) {
            assertThat(flagsOf(hook, () -> drain(statement.executeQuery(FULL_SCAN)))).containsExactly("FLAGS noIndex=true noGoodIndex=false");
            assertThat(flagsOf(hook, () -> drain(statement.executeQuery(INDEXED)))).containsExactly("FLAGS noIndex=false noGoodIndex=false");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"useServerPrepStmts=false", "useServerPrepStmts=true"})
    void preparedStatements(String mode) throws SQLException {
        RecordingHook hook = new RecordingHook();
        try (Connection connection = connect(db, hook, mode);
             PreparedStatement scan = connection.prepareStatement(FULL_SCAN_PREPARED);
             PreparedStatement lookup = connection.prepareStatement(INDEXED_PREPARED)) {
            assertThat(scan.isWrapperFor(com.mysql.cj.jdbc.ServerPreparedStatement.class)).isEqualTo(mode.endsWith("true"));
            scan.setString(1, "x5");
            lookup.setInt(1, 5);
            for (int round = 0; round < 2; round++) {
                assertThat(flagsOf(hook, () -> drain(scan.executeQuery()))).containsExactly("FLAGS noIndex=true noGoodIndex=false");
                assertThat(flagsOf(hook, () -> drain(lookup.executeQuery()))).containsExactly("FLAGS noIndex=false noGoodIndex=false");
            }
        }
    }

    @Test
    void theUsersInterceptorsKeepWorkingAlongsideTheGuards() throws SQLException {
        RecordingHook hook = new RecordingHook();
        Properties info = login(db.app());
        info.setProperty("queryInterceptors", CountingInterceptor.class.getName());
        try (Connection fromProperties = new GuardDriver(hook).connect(db.guardUrl(""), info);
             Connection fromUrl = connect(db, hook, "queryInterceptors=" + CountingInterceptor.class.getName())) {
            for (Connection connection : List.of(fromProperties, fromUrl)) {
                CountingInterceptor users = interceptor(connection, CountingInterceptor.class);
                assertThat(interceptor(connection, GuardQueryInterceptor.class)).isNotNull();
                int before = users.seen;
                assertThat(flagsOf(hook, () -> drain(connection.createStatement().executeQuery(FULL_SCAN))))
                        .containsExactly("FLAGS noIndex=true noGoodIndex=false");
                assertThat(users.seen).isGreaterThan(before);
            }
        }
    }

    @Test
    void theGuardsInterceptorIsAddedOnlyOnce() throws SQLException {
        RecordingHook hook = new RecordingHook();
        try (Connection connection = connect(db, hook, "queryInterceptors=" + GuardQueryInterceptor.class.getName())) {
            long guards = connection.unwrap(JdbcConnection.class).getQueryInterceptorsInstances().stream()
                    .map(each -> each instanceof NoSubInterceptorWrapper wrapper ? wrapper.getUnderlyingInterceptor() : each)
                    .filter(GuardQueryInterceptor.class::isInstance)
                    .count();
            assertThat(guards).isEqualTo(1);
            assertThat(flagsOf(hook, () -> drain(connection.createStatement().executeQuery(INDEXED))))
                    .containsExactly("FLAGS noIndex=false noGoodIndex=false");
        }
    }

    private static <T extends QueryInterceptor> T interceptor(Connection connection, Class<T> type) throws SQLException {
        for (QueryInterceptor each : connection.unwrap(JdbcConnection.class).getQueryInterceptorsInstances()) {
            QueryInterceptor underlying = each instanceof NoSubInterceptorWrapper wrapper ? wrapper.getUnderlyingInterceptor() : each;
            if (type.isInstance(underlying)) {
                return type.cast(underlying);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " on the connection");
    }

    @FunctionalInterface
    private interface Execution {
        void run() throws SQLException;
    }

    /** The flags the hook received during one execution, which also proves they arrive before its outcome. */
    private static List<String> flagsOf(RecordingHook hook, Execution execution) throws SQLException {
        int mark = hook.events.size();
        execution.run();
        List<String> events = hook.since(mark);
        int after = events.stream().filter(e -> e.startsWith("AFTER")).findFirst().map(events::indexOf).orElseThrow();
        return events.subList(0, after).stream().filter(e -> e.startsWith("FLAGS")).toList();
    }

    private static void drain(ResultSet result) throws SQLException {
        try (result) {
            while (result.next()) {
                result.getInt(1);
            }
        }
    }
}
