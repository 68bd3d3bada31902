package dev.jdbcguard.driver.connections;

import dev.jdbcguard.driver.warnings.Finding;
import java.sql.SQLWarning;

/**
 * Where the connection and TLS rules report, one instance per connect (so warnings found before
 * the connection exists can join its warning chain): {@link ReporterSink} hands findings to the
 * {@link dev.jdbcguard.driver.warnings.WarningReporter} (SLF4J logger {@code jdbcguard.<rule-id>},
 * deduplication); tests wrap it to see what was reported.
 *
 * <p>Contract: called from the connecting thread or the engine's scheduler thread, never while a
 * gate is locked; must not throw. Findings never hold a secret: targets print as
 * {@code user@host:port/database} and URLs only through {@link dev.jdbcguard.driver.warnings.Redaction#redact(String)}.
 *
 * <p>Not the query checks' {@link dev.jdbcguard.driver.query.FindingSink}: a connection rule blocks by
 * refusing the connect (the caller builds the exception from the returned message) and its warnings
 * may exist before the connection does, so both contracts differ.
 */
public interface ConnectionFindingSink {

    /**
     * A rule with action {@code warn} fired.
     *
     * @param openedAt where the connection was opened ({@code conn.leak} only), or {@code null}
     * @return the warning for the connection's {@code getWarnings()} chain, with the logged text
     */
    SQLWarning warn(Finding finding, Throwable openedAt);

    /**
     * A rule with action {@code block} refused a connection: logs it and returns the message of the
     * {@code SQLException} the caller throws ({@code [jdbc-guard] <rule-id>: <what> — <why>. Fix: <fix>.}).
     */
    String block(Finding finding);
}
