package dev.jdbcguard.junit;

import dev.jdbcguard.Finding;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.StatementEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Findings and statement events as the driver publishes them, for the tests of the extension's own logic. */
final class Published {

    static final String TARGET = "app@127.0.0.1:3306/shop";

    private Published() {
    }

    static Finding finding(String ruleId, Finding.Action action, String fingerprint) {
        return new Finding(ruleId, action, "[jdbc-guard] " + ruleId + " " + action + ": what happened to " + fingerprint
                + " — why it matters. Fix: the fix. fingerprint=\"" + fingerprint + "\"", "the fix of " + ruleId,
                fingerprint, List.of("orders"), TARGET, "com.acme.shop.OrderRepository.load(OrderRepository.java:12)",
                Instant.now(), new Finding.Evidence.Repeats(11, Duration.ofSeconds(1)));
    }

    static void publish(String ruleId, Finding.Action action, String fingerprint) {
        GuardListeners.publish(finding(ruleId, action, fingerprint));
    }

    static void statement(StatementEvent.Kind kind, String fingerprint) {
        GuardListeners.publish(new StatementEvent(kind, fingerprint, TARGET, 1_000, 1, false));
    }
}
