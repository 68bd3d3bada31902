package dev.jdbcguard;

/**
 * Receives every finding of every guarded connection in this JVM: tests, reports, traces, alerting.
 *
 * <p>Found with {@link java.util.ServiceLoader} ({@code META-INF/services/dev.jdbcguard.FindingListener}) at the first
 * finding, and added or removed at run time with {@link GuardListeners}. Called only when a rule fires, never on a
 * clean statement. It may be called on the application's thread, on the guard's EXPLAIN thread or on its transaction
 * sweep, concurrently: implementations must be thread-safe and quick. A listener that throws is logged once on
 * {@code jdbcguard.listener} and otherwise ignored: it never fails the application's call. Every occurrence is
 * delivered, including those the log line deduplicates.
 */
@FunctionalInterface
public interface FindingListener {

    void onFinding(Finding finding);
}
