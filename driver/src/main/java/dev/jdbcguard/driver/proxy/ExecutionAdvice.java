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

    /** Before {@code executeBatch}/{@code executeLargeBatch}: as {@link BeforeOwnSql}, with the batch's size. */
    static final class BeforeBatch {
        @Advice.OnMethodEnter
        static void enter(@Advice.This GuardStatement statement) throws SQLException {
            statement.beginBatch();
        }
    }

    /**
     * After an execution, successful or not. A failure is rethrown by Byte Buddy after this advice
     * (the hook's exception at most suppressed in it); after a success, what {@code end} throws
     * leaves the method, since the generated exception handler covers only the delegate call.
     */
    static final class After {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This GuardStatement statement, @Advice.Thrown Throwable failure) throws SQLException {
            statement.end(failure);
        }
    }

    /** After a query: as {@link After}, and on success the result set is replaced by its proxy (or closed, if the hook threw). */
    static final class AfterQuery {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This GuardStatement statement, @Advice.Thrown Throwable failure,
                         @Advice.Return(readOnly = false) ResultSet result) throws SQLException {
            result = statement.endQuery(failure, result);
        }
    }
}
