package dev.jdbcguard.junit;

import dev.jdbcguard.Finding;
import java.util.List;

/**
 * The failure messages, QuickPerf-style: what ran, where in the test, and how to fix it.
 */
final class Messages {

    /** Shapes listed under a budget failure; the rest are summed in one line. */
    static final int LISTED_SHAPES = 20;

    private Messages() {
    }

    /** The findings that fail a test, one block per rule x action x fingerprint. */
    static String findings(List<Recording.Group> failing, FailPolicy policy) {
        long total = failing.stream().mapToLong(Recording.Group::count).sum();
        StringBuilder out = new StringBuilder("[jdbc-guard] ").append(total).append(total == 1 ? " finding" : " findings")
                .append(" of ").append(failing.size()).append(failing.size() == 1 ? " kind" : " kinds")
                .append(" failed this test (fails on ").append(policy.describe()).append("):\n");
        for (int i = 0; i < failing.size(); i++) {
            Recording.Group group = failing.get(i);
            Finding finding = group.last.get();
            out.append('\n').append(i + 1).append(") ").append(finding.ruleId()).append(' ').append(finding.action())
                    .append(", ").append(times(group.count())).append('\n');
            if (finding.fingerprint() != null) {
                out.append("   statement: ").append(finding.fingerprint()).append('\n');
            }
            out.append("   test line: ").append(group.testLine == null ? "(not on the test's thread)" : group.testLine)
                    .append('\n');
            if (finding.caller() != null && !finding.caller().equals(group.testLine)) {
                out.append("   called at: ").append(finding.caller()).append('\n');
            }
            out.append("   what:      ").append(what(finding)).append('\n');
            out.append("   fix:       ").append(finding.fix()).append('\n');
            out.append("   accept it: @AllowFinding(\"").append(finding.ruleId()).append("\") on the test");
            if (finding.fingerprint() != null) {
                out.append(", or /* guard:allow ").append(finding.ruleId()).append(" */ in the statement");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A budget failure: expected against actual, then the statements that ran. */
    static String budget(Budget budget, List<Budget.Miss> misses, Recording recording) {
        StringBuilder out = new StringBuilder("[jdbc-guard] statement budget not met, ").append(budget.describe())
                .append(":\n");
        for (Budget.Miss miss : misses) {
            out.append("   ").append(miss).append('\n');
        }
        List<Recording.Shape> shapes = recording.shapes();
        long statements = recording.counts().total();
        out.append("statements that ran through the guard (").append(statements)
                .append(statements == 1 ? " statement, " : " statements, ").append(shapes.size())
                .append(shapes.size() == 1 ? " shape" : " shapes").append("):\n");
        for (int i = 0; i < Math.min(LISTED_SHAPES, shapes.size()); i++) {
            Recording.Shape shape = shapes.get(i);
            out.append(String.format("   %6d  %-6s  %s", shape.statements(), shape.kind, shape.fingerprint));
            if (shape.testLine != null) {
                out.append("   at ").append(shape.testLine);
            }
            out.append('\n');
        }
        long rest = recording.unlistedStatements();
        int restShapes = 0;
        for (int i = LISTED_SHAPES; i < shapes.size(); i++) {
            rest += shapes.get(i).statements();
            restShapes++;
        }
        if (rest > 0) {
            out.append(String.format("   %6d  statements of %s more shapes%n", rest,
                    restShapes > 0 ? String.valueOf(restShapes) : "further"));
        }
        return out.toString();
    }

    /**
     * One report entry per group: {@code query.n-plus-one WARN x10: select ... at Test.line}, then
     * {@code (fails the test)} or {@code (allowed)} where {@code policy} says so.
     */
    static String entry(Recording.Group group, FailPolicy policy) {
        String verdict = policy.allows(group.first.ruleId()) ? " (allowed)"
                : policy.fails(group.first) ? " (fails the test)" : "";
        return entry(group) + verdict;
    }

    /** {@code query.n-plus-one WARN x10: select ... at Test.line}. */
    static String entry(Recording.Group group) {
        Finding finding = group.first;
        return finding.ruleId() + " " + finding.action() + " x" + group.count()
                + (finding.fingerprint() == null ? "" : ": " + finding.fingerprint())
                + (group.testLine == null ? "" : " at " + group.testLine);
    }

    /** The finding's "what", without the rule header, the why and the fix the message repeats. */
    static String what(Finding finding) {
        String message = finding.message();
        String header = "[jdbc-guard] " + finding.ruleId();
        int start = 0;
        if (message.startsWith(header)) {
            int colon = message.indexOf(": ", header.length());
            start = colon < 0 ? 0 : colon + 2;
        }
        int why = message.indexOf(" — ", start);
        return message.substring(start, why < 0 ? message.length() : why);
    }

    private static String times(long count) {
        return count == 1 ? "once" : count + " times";
    }
}
