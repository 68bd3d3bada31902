package dev.jdbcguard.driver.warnings;

import java.sql.SQLWarning;

/**
 * A guard finding on a statement's or connection's {@code getWarnings()} chain.
 *
 * <p>SQLState {@value #SQL_STATE}: class {@code 01} ("warning") so tools treat it as a warning, with
 * the implementation-defined subclass {@code JG0} (SQL standard: subclasses starting with I-Z are
 * the implementation's) so code can tell the guard's warnings from the server's ({@code 01000}).
 *
 * <p>It records no stack trace: it is created on every warned execution, and its message already
 * names the application frame whenever the same line was logged.
 */
public final class GuardWarning extends SQLWarning {

    public static final String SQL_STATE = "01JG0";

    private final String ruleId;
    private final String fingerprint;

    GuardWarning(String message, Detection finding) {
        super(message, SQL_STATE);
        this.ruleId = finding.ruleId();
        this.fingerprint = finding.fingerprint();
    }

    /** The id of the rule that fired, e.g. {@code query.select-star}. */
    public String ruleId() {
        return ruleId;
    }

    /** The fingerprint of the statement, or {@code null} for a connection-level rule. */
    public String fingerprint() {
        return fingerprint;
    }

    /** No stack trace: see the class comment. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
