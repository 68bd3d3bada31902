package dev.jdbcguard.driver.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.driver.hook.RecordingHook;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A target driver may hand back one result set object for every execution of a statement (the
 * benchmarks' stub does; so may a pooling driver). Here Connector/J against the real server, seen
 * through a wrapper that does exactly that: every execution's rows still reach the hook as a result
 * of their own.
 */
@ExtendWith(TestDatabaseExtension.class)
class RecycledResultSetTest {

    private final TestDatabase db;

    RecycledResultSetTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void eachExecutionIsANewResultForTheHookWhenTheDriverRecyclesItsResultSetObject() throws SQLException {
        RecordingHook hook = new RecordingHook();
        try (Connection raw = DriverManager.getConnection(db.mysqlUrl(""), db.tls("VERIFY_IDENTITY", db.app()));
             Connection guarded = new ProxyFactory().connection(recycling(raw), hook);
             Statement statement = guarded.createStatement()) {
            ResultSet first = statement.executeQuery("SELECT 1 UNION SELECT 2");
            assertThat(statement.getResultSet()).as("the same execution's result").isSameAs(first);
            while (first.next()) {
                first.getInt(1);
            }
            ResultSet second = statement.executeQuery("SELECT 3");
            assertThat(second).isNotSameAs(first);
            assertThat(second.unwrap(ResultSet.class)).as("the target recycles its object")
                    .isSameAs(first.unwrap(ResultSet.class));
            assertThat(second.next()).isTrue();
            assertThat(second.getInt(1)).isEqualTo(3);
            second.close();
        }
        assertThat(hook.events).containsSubsequence(
                "ROWS SELECT 1 UNION SELECT 2 0", "RESULT_CLOSED SELECT 1 UNION SELECT 2 2",
                "ROWS SELECT 3 0", "RESULT_CLOSED SELECT 3 1");
    }

    /** Connector/J's connection, whose plain statements hand out one recycled result set object. */
    private static Connection recycling(Connection raw) {
        return proxy(Connection.class, (method, args) -> {
            Object out = forward(method, raw, args);
            return out instanceof Statement statement && !(out instanceof PreparedStatement) ? recycling(statement) : out;
        });
    }

    private static Statement recycling(Statement raw) {
        ResultSet[] current = new ResultSet[1];
        ResultSet recycled = proxy(ResultSet.class, (method, args) -> forward(method, current[0], args));
        return proxy(Statement.class, (method, args) -> {
            Object out = forward(method, raw, args);
            if (out instanceof ResultSet fresh) {
                current[0] = fresh;
                return recycled;
            }
            return out;
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandlerBody body) {
        InvocationHandler handler = (proxy, method, args) -> body.invoke(method, args);
        return type.cast(Proxy.newProxyInstance(RecycledResultSetTest.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object forward(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface InvocationHandlerBody {
        Object invoke(Method method, Object[] args) throws Throwable;
    }
}
