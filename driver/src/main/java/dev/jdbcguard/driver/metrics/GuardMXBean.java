package dev.jdbcguard.driver.metrics;

import java.util.List;
import java.util.Map;

/**
 * The guard's metrics in JMX, registered as {@code dev.jdbcguard:type=Guard,name=<name>} by
 * {@link GuardMetrics}. Every read is a fresh snapshot.
 */
public interface GuardMXBean {

    /** The name in the ObjectName, unique in its MBeanServer. */
    String getName();

    /** Findings whose action was {@code warn}, by rule id (rules that never fired show 0). */
    Map<String, Long> getWarnFindings();

    /** Findings whose action was {@code block}, by rule id. */
    Map<String, Long> getBlockFindings();

    /** Findings whose action was {@code block} that observe mode let through, by rule id. */
    Map<String, Long> getWouldBlockFindings();

    /** Findings an {@code allow:} entry of the rule file accepted (not reported), by rule id. */
    Map<String, Long> getAllowedFindings();

    /** Connection gauges and statement timings, one entry per target. */
    List<TargetStats> getTargets();
}
