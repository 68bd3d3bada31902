package dev.jdbcguard.junit;

import dev.jdbcguard.Finding;
import dev.jdbcguard.StatementEvent.Kind;
import java.util.List;
import java.util.Locale;
import org.opentest4j.AssertionFailedError;

/**
 * What the guard saw while a {@link GuardAssertions#assertThat} block ran; each assertion returns this run, so
 * they chain, and fails with the statements or findings that ran.
 */
public final class GuardedRun {

    private final Recording recording;

    GuardedRun(Recording recording) {
        this.recording = recording;
    }

    /** Statements of {@code kind} (each statement of a batch counts). */
    public long statements(Kind kind) {
        return recording.counts().of(kind);
    }

    /** Statements of every kind. */
    public long statements() {
        return recording.counts().total();
    }

    /** One finding per rule, action and fingerprint (the latest of each), most frequent first. */
    public List<Finding> findings() {
        return recording.groups().stream().map(group -> group.last.get()).toList();
    }

    /** Exactly {@code expected} statements of {@code kind} ran. */
    public GuardedRun ran(int expected, Kind kind) {
        return check(kind.name().toLowerCase(Locale.ROOT), expected, statements(kind), false);
    }

    /** At most {@code max} statements of {@code kind} ran. */
    public GuardedRun ranAtMost(int max, Kind kind) {
        return check(kind.name().toLowerCase(Locale.ROOT), max, statements(kind), true);
    }

    /** Exactly {@code expected} statements ran, of any kind. */
    public GuardedRun ran(int expected) {
        return check("total", expected, statements(), false);
    }

    /** At most {@code max} statements ran, of any kind. */
    public GuardedRun ranAtMost(int max) {
        return check("total", max, statements(), true);
    }

    /** No finding at all, of any action. */
    public GuardedRun hasNoFindings() {
        List<Recording.Group> groups = recording.groups();
        if (!groups.isEmpty() || recording.unlistedFindings() > 0) {
            throw new AssertionFailedError(Messages.findings(groups, FailPolicy.failOn(List.of(FailPolicy.ANY_WARN),
                    "hasNoFindings")));
        }
        return this;
    }

    /** No finding of the given rule ids or prefixes. */
    public GuardedRun hasNoFindings(String... ruleIdsOrPrefixes) {
        List<String> keys = List.of(ruleIdsOrPrefixes);
        keys.forEach(key -> FailPolicy.checkRule(key, "hasNoFindings"));
        List<Recording.Group> found = recording.groups().stream()
                .filter(group -> keys.stream().anyMatch(key -> FailPolicy.under(group.first.ruleId(), key))).toList();
        if (!found.isEmpty()) {
            throw new AssertionFailedError(Messages.findings(found, new FailPolicy(keys, false, List.of())));
        }
        return this;
    }

    /** At least one finding of the given rule id or prefix. */
    public GuardedRun hasFinding(String ruleIdOrPrefix) {
        FailPolicy.checkRule(ruleIdOrPrefix, "hasFinding");
        if (recording.groups().stream().noneMatch(group -> FailPolicy.under(group.first.ruleId(), ruleIdOrPrefix))) {
            throw new AssertionFailedError("[jdbc-guard] expected a finding of " + ruleIdOrPrefix + ", got none"
                    + listing(recording));
        }
        return this;
    }

    private GuardedRun check(String kind, int expected, long actual, boolean max) {
        if (max ? actual > expected : actual != expected) {
            Budget.Miss miss = new Budget.Miss(kind, expected, actual, max);
            throw new AssertionFailedError("[jdbc-guard] " + miss + listing(recording), expected, actual);
        }
        return this;
    }

    /** The statements and findings of a run, for a failure message. */
    static String listing(Recording recording) {
        StringBuilder out = new StringBuilder();
        for (Recording.Shape shape : recording.shapes().stream().limit(Messages.LISTED_SHAPES).toList()) {
            out.append(String.format("%n   %6d  %-6s  %s", shape.statements(), shape.kind, shape.fingerprint));
        }
        for (Recording.Group group : recording.groups()) {
            out.append("\n   finding: ").append(Messages.entry(group));
        }
        return out.length() == 0 ? "\n   (nothing ran through the guard)" : "\nwhat ran through the guard:" + out;
    }
}
