package dev.jdbcguard.rules.sql;

/**
 * Finds where each statement of a token stream ends: at a {@code ;} token, except inside the
 * {@code BEGIN ... END} body of a stored routine or of a MariaDB {@code BEGIN NOT ATOMIC} block, which the server
 * reads as one statement ({@link RoutineBlocks}). A statement whose first word cannot open a body ends at its first
 * {@code ;} without more ado. Single use per token stream; each call moves forward, so splitting is linear.
 */
final class StatementSplitter {
    private final Tokens t;
    private final RoutineBlocks blocks = new RoutineBlocks();
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
        if (i >= t.count || t.type[i] != Tokens.WORD || !RoutineBlocks.mayHaveBody(t.sql, t.start[i], t.end[i])) {
            while (i < t.count && !t.isPunct(i, ';')) {
                i++;
            }
            return i;
        }
        blocks.reset();
        for (; i < t.count; i++) {
            if (t.isPunct(i, ';')) {
                if (blocks.endsAtSemicolon()) {
                    return i;
                }
            } else if (t.type[i] == Tokens.WORD) {
                blocks.word(t.sql, t.start[i], t.end[i]);
            } else {
                blocks.token();
            }
        }
        unclosedBlock = blocks.unclosed();
        return i;
    }
}
