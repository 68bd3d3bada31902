package dev.jdbcguard.rules.sql;

/**
 * Finds where each statement of a token stream ends: at a {@code ;} token, except inside the
 * {@code BEGIN ... END} body of a stored routine ({@code CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT},
 * {@code ALTER EVENT}) or of a MariaDB {@code BEGIN NOT ATOMIC} block, which the server reads as one
 * statement. Only such statements count blocks, so a column named {@code begin} elsewhere changes
 * nothing. Single use per token stream; each call moves forward, so splitting is linear.
 */
final class StatementSplitter {
    private static final String[] ROUTINE_WORDS = {"PROCEDURE", "FUNCTION", "TRIGGER", "EVENT"};

    private final Tokens t;
    private boolean unclosedBlock;

    StatementSplitter(Tokens tokens) {
        this.t = tokens;
    }

    /** True when the statement last returned by {@link #end} opened a BEGIN block it never closed. */
    boolean unclosedBlock() {
        return unclosedBlock;
    }

    /** Index of the ';' that ends the statement starting at token {@code start}, or the token count. */
    int end(int start) {
        unclosedBlock = false;
        int i = start;
        if (!hasBody(start)) {
            while (i < t.count && !t.isPunct(i, ';')) {
                i++;
            }
            return i;
        }
        int depth = 0;
        for (; i < t.count; i++) {
            if (t.isPunct(i, ';') && depth == 0) {
                return i;
            }
            if (t.isWord(i, "BEGIN") || t.isWord(i, "CASE") && !t.isWord(i - 1, "END")) {
                depth++;
            } else if (t.isWord(i, "END") && depth > 0 && !(t.isWord(i + 1, "IF") || t.isWord(i + 1, "LOOP")
                    || t.isWord(i + 1, "WHILE") || t.isWord(i + 1, "REPEAT"))) {
                depth--;
            }
        }
        unclosedBlock = depth > 0;
        return i;
    }

    /** A routine definition or an anonymous block: its first words, up to the first ';'. */
    private boolean hasBody(int start) {
        if (t.isWord(start, "BEGIN")) {
            return t.isWord(start + 1, "NOT") && t.isWord(start + 2, "ATOMIC");
        }
        if (!t.isWord(start, "CREATE") && !t.isWord(start, "ALTER")) {
            return false;
        }
        for (int i = start + 1; i < t.count && !t.isPunct(i, ';'); i++) {
            for (String routine : ROUTINE_WORDS) {
                if (t.isWord(i, routine)) {
                    return true;
                }
            }
            if (t.isWord(i, "TABLE") || t.isWord(i, "VIEW") || t.isWord(i, "INDEX")) {
                return false;
            }
        }
        return false;
    }
}
