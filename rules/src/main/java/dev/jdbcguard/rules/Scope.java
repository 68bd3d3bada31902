package dev.jdbcguard.rules;

/** Where a rule is checked, which decides who can act on it (the offline {@code lint} only sees {@link #STATEMENT}). */
public enum Scope {
    /** Decided from the SQL text alone: before execution by the driver, offline by {@code lint}. */
    STATEMENT,
    /** Decided when a connection is opened or held: TLS, caps, leaks, churn, lifetime. */
    CONNECTION,
    /** Measured while statements run: durations, rows, repetition, index use reported by the server. */
    RUNTIME
}
