/**
 * Warnings people act on, and the exception a blocked statement throws.
 *
 * <h2>One road</h2>
 * Every detector (statement rules, query checks, the EXPLAIN thread, runtime thresholds, the transaction sweep,
 * connection and TLS rules) reports a {@link dev.jdbcguard.driver.warnings.Detection}, the rule id and the
 * specifics it saw, through its connection's {@link dev.jdbcguard.driver.warnings.FindingSink} to the engine's one
 * {@link dev.jdbcguard.driver.warnings.Funnel}: it looks up the action, counts the metrics, logs with deduplication,
 * publishes to the {@link dev.jdbcguard.FindingListener}s and returns the warning or throws the refusal. Why a rule
 * matters and how to fix it are the rule catalog's words, the same as {@code rules/README.md}; a detector adds at
 * most a hint for the occurrence ({@code Here: ...}).
 *
 * <h2>The line</h2>
 * Every finding renders as one line, logged at WARN to the logger {@code jdbcguard.<rule-id>}:
 * <pre>
 * [jdbc-guard] &lt;rule-id&gt; &lt;WARN|BLOCK&gt;: &lt;what&gt; — &lt;why&gt;. Fix: &lt;fix&gt;.[ Here: &lt;hint&gt;.][ fingerprint="&lt;fingerprint&gt;"][ at &lt;app frame&gt;][ (+&lt;n&gt; suppressed)]
 * </pre>
 * for example
 * <pre>
 * [jdbc-guard] dml.no-where WARN: DELETE without WHERE on orders — deletes every row. Fix: add a WHERE clause or /* guard:allow dml.no-where *&#47;. fingerprint="delete from orders" at com.acme.OrderRepo.purge(OrderRepo.java:42) (+12 suppressed)
 * </pre>
 * <ul>
 *   <li>{@code fingerprint} is absent for connection-level rules; longer than 200 characters it is
 *       cut with {@code …}; a {@code "} inside it is written {@code \"}.</li>
 *   <li>{@code at} names the first application frame ({@link dev.jdbcguard.driver.warnings.AppFrames}
 *       says which frames are skipped); absent when no frame qualifies or the line was not logged.</li>
 *   <li>{@code (+n suppressed)}: repeats of the same rule and fingerprint that were counted, not
 *       logged, since the previous line ({@link dev.jdbcguard.driver.warnings.WarningReporter}).</li>
 *   <li>Line breaks and tabs in any part become spaces; values of secret-looking keys and URL
 *       passwords are masked as {@code ***} ({@link dev.jdbcguard.driver.warnings.Redaction} says
 *       exactly what counts as a secret).</li>
 * </ul>
 * The {@code SQLWarning} appended to {@code getWarnings()} carries the same text (SQLState
 * {@code 01JG0}). A blocked statement throws {@link dev.jdbcguard.driver.warnings.GuardViolationException}
 * (SQLState {@code 42JG0}) whose message is {@code [jdbc-guard] <rule-id>: <what> — <why>. Fix: <fix>.
 * fingerprint="..."}; the BLOCK line is logged as well.
 */
package dev.jdbcguard.driver.warnings;
