package dev.jdbcguard.rules.lint;

import dev.jdbcguard.rules.sql.Classification;
import dev.jdbcguard.rules.sql.SqlClassifier;
import dev.jdbcguard.rules.sql.StatementInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a SQL file into one piece per statement, so that each statement is judged with only its own comments: a
 * {@code guard:allow} comment covers the statement it precedes or sits in, not the whole file.
 *
 * <p>A piece runs from just after the previous statement's terminating {@code ;} to just after its own. The
 * classifier reports where statements start, not where they end, so the terminator is found by asking the
 * classifier itself: the first {@code ;} after which an appended {@code SELECT 1} is read as a statement of its own.
 * A {@code ;} inside a string or comment fails that test, so quoting and comment rules live in the classifier
 * only. Cost: one classification per {@code ;} candidate; fine offline, not meant for a hot path.
 */
final class StatementSlicer {

    private static final String PROBE = "\nSELECT 1";

    /** A statement's text and where it starts in the file. */
    record Slice(String text, int offset) {
    }

    private StatementSlicer() {
    }

    static List<Slice> slice(String sql) {
        List<StatementInfo> statements = SqlClassifier.classify(sql).statements();
        List<Slice> slices = new ArrayList<>(statements.size());
        int from = 0;
        for (int i = 0; i < statements.size(); i++) {
            int start = statements.get(i).startOffset();
            int nextStart = i + 1 < statements.size() ? statements.get(i + 1).startOffset() : sql.length();
            int to = i + 1 < statements.size() ? terminatorEnd(sql, start, nextStart) : sql.length();
            slices.add(new Slice(sql.substring(from, to), from));
            from = to;
        }
        return slices;
    }

    /** Just past the {@code ;} that ends the statement at {@code start}; {@code nextStart} when none is found. */
    private static int terminatorEnd(String sql, int start, int nextStart) {
        for (int semicolon = sql.indexOf(';', start); semicolon >= 0 && semicolon < nextStart;
                semicolon = sql.indexOf(';', semicolon + 1)) {
            Classification probe = SqlClassifier.classify(sql.substring(start, semicolon + 1) + PROBE);
            if (probe.statements().size() == 2) {
                return semicolon + 1;
            }
        }
        return nextStart;
    }
}
