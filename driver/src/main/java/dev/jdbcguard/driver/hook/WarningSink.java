package dev.jdbcguard.driver.hook;

import java.sql.SQLWarning;

/**
 * Where a connection's hook puts its warnings: the guard appends each to the {@code getWarnings()}
 * chain of the JDBC object whose call the hook is handling (see {@link ConnectionHook}), after the
 * target driver's own warnings; {@code clearWarnings()} clears both.
 */
public interface WarningSink {

    /** Adds {@code warning} for the JDBC object whose call is in progress. */
    void addWarning(SQLWarning warning);
}
