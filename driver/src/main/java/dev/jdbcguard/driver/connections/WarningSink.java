package dev.jdbcguard.driver.connections;

/**
 * Where connection-level warnings go ({@code conn.leak}, {@code conn.churn}, {@code conn.lifetime},
 * {@code conn.credentials-in-url}, TLS in warn mode). The warning reporter (SLF4J logger
 * {@code jdbcguard.<rule-id>}, deduplication, {@code SQLWarning} chain) implements it; tests collect.
 *
 * <p>Contract: called from the connecting thread or from the engine's scheduler thread, never while a
 * gate lock is held; must not block for long and must not throw. The message never holds a secret.
 */
@FunctionalInterface
public interface WarningSink {

    /**
     * @param ruleId   the rule that fired, e.g. {@code conn.leak}
     * @param message  one line, already redacted: what happened, why it matters, how to fix it
     * @param openedAt where the connection was opened ({@code conn.leak} only), or {@code null}
     */
    void warn(String ruleId, String message, Throwable openedAt);
}
