package dev.jdbcguard.rules.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.rules.Allow;
import dev.jdbcguard.rules.Mode;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mode:} and {@code allow:} in rule files: the one model the driver and lint share. */
class ModeAndAllowTest {

    private static RuleSet parse(String yaml) {
        return RuleFiles.parse(yaml, "rules.yaml", "production");
    }

    private static void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(RuleFileException.class).hasMessage(message);
    }

    @Test
    void modeIsEnforceUnlessTheFileSaysObserve() {
        assertThat(RuleFiles.profile("production").mode()).isEqualTo(Mode.ENFORCE);
        assertThat(parse("rules:\n  ddl: warn\n").mode()).isEqualTo(Mode.ENFORCE);
        assertThat(parse("mode: observe\n").mode()).isEqualTo(Mode.OBSERVE);
        assertThat(parse("mode: Enforce\n").mode()).isEqualTo(Mode.ENFORCE);
        assertThat(parse("mode: observe\n").action(RuleCatalog.DML_NO_WHERE))
                .as("observe keeps the actions: a block is still a block, reported as one that would have happened")
                .isEqualTo(dev.jdbcguard.rules.Action.BLOCK);
        assertRejected("mode: audit\n", "rules.yaml:1:7: expected enforce or observe, found 'audit'");
    }

    @Test
    void anAllowEntryMatchesItsRuleOrPrefixAndItsFingerprintOrTable() {
        RuleSet rules = parse("""
                allow:
                  - rule: dml.no-where
                    fingerprint: "DELETE FROM sessions WHERE 1"
                    reason: the nightly purge empties it on purpose
                  - rule: query
                    table: `Audit_Log`
                    reason: append-only, read by the auditors' tool only
                """.replace('`', '"'));
        assertThat(rules.allows()).hasSize(2);
        Allow purge = rules.allows().get(0);
        assertThat(purge.fingerprint()).as("written as SQL, kept as the fingerprint the log shows")
                .isEqualTo("delete from sessions where ?");
        assertThat(purge.where()).isEqualTo("rules.yaml:2:5");
        assertThat(rules.allowed(RuleCatalog.DML_NO_WHERE, "delete from sessions where ?", List.of("sessions")))
                .isSameAs(purge);
        assertThat(rules.allowed(RuleCatalog.DML_NO_WHERE, "delete from orders", List.of("orders"))).isNull();
        assertThat(rules.allowed(RuleCatalog.DDL_DROP_TABLE, "delete from sessions where ?", List.of("sessions")))
                .as("another rule on the same statement is not allowed").isNull();
        assertThat(rules.allowed(RuleCatalog.QUERY_LEADING_WILDCARD, "select ? from audit_log", List.of("shop.audit_log")))
                .as("a prefix covers its rules; a table matches schema-qualified too").isSameAs(rules.allows().get(1));
        assertThat(rules.allowed(RuleCatalog.DML_NO_WHERE, "delete from audit_log", List.of("audit_log")))
                .as("dml is not under query").isNull();
        assertThat(rules.allowed(RuleCatalog.QUERY_SLOW, "select ? from orders", List.of("orders"))).isNull();
    }

    @Test
    void allowEntriesAreValidatedWithFileLineAndColumn() {
        assertRejected("allow:\n  - rule: dml.nowhere\n    table: t\n    reason: r\n",
                "rules.yaml:2:11: unknown rule id 'dml.nowhere'; did you mean 'dml.no-where'?");
        assertRejected("allow:\n  - rule: dml.no-where\n    table: t\n",
                "rules.yaml:2:5: an allow entry needs a reason: why the finding is accepted");
        assertRejected("allow:\n  - rule: dml.no-where\n    reason: r\n",
                "rules.yaml:2:5: an allow entry names either a fingerprint or a table, not neither");
        assertRejected("allow:\n  - rule: dml.no-where\n    table: t\n    fingerprint: delete from t\n    reason: r\n",
                "rules.yaml:2:5: an allow entry names either a fingerprint or a table, not both");
        assertRejected("allow:\n  - rule: dml.no-where\n    tables: t\n    reason: r\n",
                "rules.yaml:3:5: unknown key 'tables' in an allow entry; did you mean 'table'?; expected one of rule,"
                        + " fingerprint, table, reason");
        assertRejected("allow:\n  - table: t\n    reason: r\n", "rules.yaml:2:5: an allow entry needs a rule (a rule id or prefix)");
        assertRejected("allow:\n  rule: dml.no-where\n", "rules.yaml:2:3: expected a list of {rule: <id or prefix>,"
                + " fingerprint: <fingerprint> or table: <name>, reason: <why it is accepted>}");
        assertRejected("allow:\n  - rule: dml.no-where\n    table: t\n    reason:\n",
                "rules.yaml:4:12: expected a value for reason");
    }
}
