package dev.jdbcguard;

/**
 * Receives one event per statement execution through a guarded connection: statement budgets in tests, per-shape
 * reports. Registered only at run time with {@link GuardListeners#addStatementListener}; while none is registered
 * the guard's statement path pays one volatile read for it. Called on the executing thread right after the execution
 * returned or failed; implementations must be thread-safe and quick, and one that throws is logged once and ignored.
 */
@FunctionalInterface
public interface StatementListener {

    void onStatement(StatementEvent statement);
}
