package dev.jdbcguard.driver.proxy;

import dev.jdbcguard.driver.hook.SqlSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import net.bytebuddy.asm.Advice;

/**
 * The code Byte Buddy inlines around the generated execute methods of statement proxies, so the
 * dozen JDBC execute overloads need no hand-written copies. Inlined, it costs what hand-written
 * code would: no allocation, no reflection, no extra call frame beyond {@code begin}/{@code end}.
 */
final class ExecutionAdvice {

    private ExecutionAdvice() {
    }

    /** Before {@code execute*(String sql, ...)}: the hook sees the text, and may refuse it. */
    static final class BeforeSql {
        @Advice.OnMethodEnter
        static void enter(@Advice.This GuardStatement statement, @Advice.Argument(0) String sql) throws SQLException {
            statement.begin(SqlSource.EXECUTE, sql, null);
        }
    }

    /** Before executing the statement's own SQL: a prepared statement's text, or a plain statement's batch. */
    static final class BeforeOwnSql {
        @Advice.OnMethodEnter
        static void enter(@Advice.This GuardStatement statement) throws SQLException {
            statement.beginOwnSql();
        }
    }

    /** After an execution, successful or not (a failure is rethrown unchanged). */
    static final class After {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This GuardStatement statement, @Advice.Thrown Throwable failure) {
            statement.end(failure);
        }
    }

    /** After a query: as {@link After}, then the result set is replaced by its proxy. */
    static final class AfterQuery {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This GuardStatement statement, @Advice.Thrown Throwable failure,
                         @Advice.Return(readOnly = false) ResultSet result) throws SQLException {
            statement.end(failure);
            if (failure == null) {
                result = statement.result(result);
            }
        }
    }
}
