/**
 * The guard's metrics: findings per rule and action, connection gauges and statement timings per
 * target, owned by one {@link dev.jdbcguard.driver.metrics.GuardMetrics} per driver or data source.
 *
 * <h2>JMX (always)</h2>
 * MXBean {@code dev.jdbcguard:type=Guard,name=<name>} ({@link dev.jdbcguard.driver.metrics.GuardMXBean}):
 * {@code Name}; {@code WarnFindings} and {@code BlockFindings}, rule id to count; {@code Targets},
 * one row per target with {@code openConnections}, {@code waitingConnections}, {@code maxConnections},
 * {@code statementCount}, {@code statementTotalNanos}, {@code statementMaxNanos}.
 *
 * <h2>Micrometer (when on the class path)</h2>
 * {@link dev.jdbcguard.driver.metrics.MicrometerMeters}, every meter tagged {@code guard=<name>}:
 * <pre>
 * jdbcguard.rule.findings{rule, action=warn|block}        function counter
 * jdbcguard.connections.open|waiting|max{target}          gauges
 * jdbcguard.statement.duration{target}                    function timer (count, total)
 * jdbcguard.statement.duration.max{target}                time gauge, longest since start
 * </pre>
 * In Prometheus: {@code jdbcguard_rule_findings_total}, {@code jdbcguard_connections_open},
 * {@code jdbcguard_statement_duration_seconds_count|_sum}, ... A {@code target} is
 * {@code host:port/database}; no tag ever carries a user or password.
 */
package dev.jdbcguard.driver.metrics;
