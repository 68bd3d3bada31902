package dev.jdbcguard.driver.hook;

import java.sql.SQLWarning;

/**
 * A statement or connection proxy whose {@code getWarnings()} chain the guard may extend.
 * {@code getWarnings()} returns the target driver's warnings followed by the guard's;
 * {@code clearWarnings()} clears both.
 */
public interface WarningSink {

    /** Appends {@code warning} to this object's warning chain. Cost: a walk of the guard's own chain. */
    void addWarning(SQLWarning warning);
}
