package dev.jdbcguard.driver.warnings;

import java.sql.SQLSyntaxErrorException;

/**
 * Thrown when a rule whose action is {@code block} refuses a statement, before anything reaches
 * the server. Its message starts with {@code [jdbc-guard] <rule-id>: } and goes on with what
 * happened, why it matters, how to fix it and the statement's fingerprint.
 *
 * <p>Why {@link SQLSyntaxErrorException}: the SQL standard's class {@code 42} is "syntax error or
 * access rule violation", and a guard rule is an access rule. Frameworks translate it as callers
 * expect of a refused statement: Spring to {@code BadSqlGrammarException}, Hibernate to
 * {@code SQLGrammarException}, both non-transient, so no retry template retries a statement that
 * will be refused again. SQLState {@value #SQL_STATE}: class {@code 42} with the
 * implementation-defined subclass {@code JG0}, distinct from every state the MySQL server sends
 * ({@code 42000}, {@code 42S02}, ...), so code that must tell a guard refusal from a server error
 * can compare the state or catch this type. The vendor code is 0: no server error happened.
 *
 * <p>Connection-level refusals (TLS, connection cap) are not statement errors and use the
 * connection exception types instead.
 */
public final class GuardViolationException extends SQLSyntaxErrorException {

    public static final String SQL_STATE = "42JG0";

    private final String ruleId;
    private final String fingerprint;

    public GuardViolationException(Detection finding) {
        super(WarningText.exceptionMessage(finding), SQL_STATE);
        this.ruleId = finding.ruleId();
        this.fingerprint = finding.fingerprint();
    }

    /** The id of the rule that refused the statement, e.g. {@code ddl.drop-table}. */
    public String ruleId() {
        return ruleId;
    }

    /** The refused statement's fingerprint (literals replaced by {@code ?}), or {@code null}. */
    public String fingerprint() {
        return fingerprint;
    }
}
