package dev.jdbcguard.driver.metrics;

/** Told when {@link GuardMetrics} starts tracking a rule or a target, so bound registries add its meters. */
interface MeterListener {

    void ruleAdded(RuleCounter counter);

    void targetAdded(TargetMetrics target);
}
