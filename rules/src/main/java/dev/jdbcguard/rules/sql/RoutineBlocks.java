package dev.jdbcguard.rules.sql;

/**
 * Tells whether a {@code ;} ends the statement it appears in, fed that statement's tokens one at a time: it does not
 * inside the {@code BEGIN ... END} body of a stored routine ({@code CREATE/ALTER PROCEDURE/FUNCTION/TRIGGER/EVENT})
 * or of a MariaDB {@code BEGIN NOT ATOMIC} block, which the server reads as one statement. Only such statements
 * count blocks, so a column named {@code begin} elsewhere changes nothing; a CREATE or ALTER is a routine when a
 * routine word comes before TABLE, VIEW or INDEX. {@code END} closes a block unless {@code IF}, {@code LOOP},
 * {@code WHILE} or {@code REPEAT} follows it; {@code CASE} opens one unless it follows {@code END}.
 *
 * <p>Incremental, so the classifier's {@link StatementSplitter} (over a token array) and {@link SqlScript} (over a
 * stream) share one definition; constant work per token, no allocation.
 */
final class RoutineBlocks {
    private static final int START = 0;
    /** After CREATE or ALTER: a routine word makes it a routine, TABLE/VIEW/INDEX makes it plain. */
    private static final int HEAD = 1;
    /** After a leading BEGIN, expecting NOT; then ATOMIC. */
    private static final int BEGIN = 2;
    private static final int BEGIN_NOT = 3;
    private static final int BODY = 4;
    private static final int PLAIN = 5;

    private int state = START;
    private int depth;
    /** The previous token was END with a block open: whether it closes one depends on the token after it. */
    private boolean afterEnd;
    /** The previous token was END, open block or not: a CASE after it closes rather than opens. */
    private boolean previousEnd;

    /** A new statement starts. */
    void reset() {
        state = START;
        depth = 0;
        afterEnd = false;
        previousEnd = false;
    }

    /** True when the statement's first token may open a body (CREATE, ALTER, BEGIN): only then does it need feeding. */
    static boolean mayHaveBody(CharSequence text, int from, int to) {
        return is(text, from, to, "CREATE") || is(text, from, to, "ALTER") || is(text, from, to, "BEGIN");
    }

    /** The bare word {@code text[from, to)}, the statement's next token. */
    void word(CharSequence text, int from, int to) {
        switch (state) {
            case START:
                state = is(text, from, to, "BEGIN") ? BEGIN
                        : is(text, from, to, "CREATE") || is(text, from, to, "ALTER") ? HEAD : PLAIN;
                break;
            case HEAD:
                if (is(text, from, to, "PROCEDURE") || is(text, from, to, "FUNCTION") || is(text, from, to, "TRIGGER")
                        || is(text, from, to, "EVENT")) {
                    state = BODY;
                } else if (is(text, from, to, "TABLE") || is(text, from, to, "VIEW") || is(text, from, to, "INDEX")) {
                    state = PLAIN;
                }
                break;
            case BEGIN:
                state = is(text, from, to, "NOT") ? BEGIN_NOT : PLAIN;
                break;
            case BEGIN_NOT:
                state = is(text, from, to, "ATOMIC") ? BODY : PLAIN;
                depth = state == BODY ? 1 : 0;
                break;
            case BODY:
                boolean closes = afterEnd && !(is(text, from, to, "IF") || is(text, from, to, "LOOP")
                        || is(text, from, to, "WHILE") || is(text, from, to, "REPEAT"));
                boolean caseAfterEnd = previousEnd && is(text, from, to, "CASE");
                resolveEnd(closes);
                boolean end = is(text, from, to, "END");
                if (is(text, from, to, "BEGIN") || is(text, from, to, "CASE") && !caseAfterEnd) {
                    depth++;
                } else if (end && depth > 0) {
                    afterEnd = true;
                }
                previousEnd = end;
                break;
            default:
                break;
        }
    }

    /** Any other token of the statement but {@code ;}: a string, number, variable, operator, parenthesis. */
    void token() {
        if (state == BODY) {
            resolveEnd(afterEnd);
        } else if (state != HEAD) {
            state = PLAIN;
        }
    }

    /** At a {@code ;} of the statement: true when it ends the statement, false inside a block. */
    boolean endsAtSemicolon() {
        if (state != BODY) {
            return true;
        }
        resolveEnd(afterEnd);
        return depth == 0;
    }

    /** True when the statement opened a block it has not closed. */
    boolean unclosed() {
        resolveEnd(afterEnd);
        return depth > 0;
    }

    private void resolveEnd(boolean closes) {
        if (closes) {
            depth--;
        }
        afterEnd = false;
        previousEnd = false;
    }

    /**
     * Whether {@code text[from, to)} is {@code upper} in any case (ASCII): the lengths first, so most mismatches cost
     * two int reads, then the chars; no hashing, no allocation. The one keyword comparison of the classifier
     * ({@link Tokens#isWord}) and of {@link SqlScript}.
     */
    static boolean is(CharSequence text, int from, int to, String upper) {
        int length = upper.length();
        if (to - from != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            char c = text.charAt(from + k);
            if (c >= 'a' && c <= 'z') {
                c -= 'a' - 'A';
            }
            if (c != upper.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
