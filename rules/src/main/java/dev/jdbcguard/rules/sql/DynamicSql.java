package dev.jdbcguard.rules.sql;

/**
 * Server-side dynamic SQL: the text that {@code PREPARE name FROM ...} and MariaDB's {@code EXECUTE IMMEDIATE ...}
 * hand to the server to run. Judging the {@code PREPARE} alone would let any statement through as a harmless
 * "prepared" one ({@code PREPARE s FROM 'DROP TABLE t'; EXECUTE s}), so the classifier reads the text and judges it
 * in the statement's place.
 *
 * <p>Only a text spelled out as string literals can be read: one quoted string, or several adjacent ones (which
 * the server concatenates), optionally after a character set introducer ({@code _utf8mb4'...'}). Anything else (a
 * user variable, {@code CONCAT(...)}, a hex literal, any expression MariaDB accepts) hides the statement from the
 * guard, and is reported as such.
 */
final class DynamicSql {

    private DynamicSql() {
    }

    /**
     * Index of the first token of the text the statement in tokens [from, to) makes the server run, or -1 when it
     * runs no text of its own ({@code EXECUTE s}, {@code DEALLOCATE PREPARE s}: that text was judged at its
     * {@code PREPARE}).
     */
    static int textStart(Tokens t, int from, int to) {
        if (t.isWord(from, "PREPARE") && from + 2 < to && t.isName(from + 1) && t.isWord(from + 2, "FROM")) {
            return from + 3;
        }
        return t.isWord(from, "EXECUTE") && t.isWord(from + 1, "IMMEDIATE") ? from + 2 : -1;
    }

    /**
     * The text that starts at token {@code textStart} (from {@link #textStart}), unescaped, or null when it is not
     * made of string literals only and so cannot be read. {@code EXECUTE IMMEDIATE}'s text ends at its
     * {@code USING}.
     */
    static String literalText(Tokens t, int textStart, int to) {
        int end = to;
        for (int i = textStart; i < to; i++) {
            if (t.isWord(i, "USING")) {
                end = i;
                break;
            }
        }
        return literal(t, textStart, end);
    }

    /** The content of the adjacent string literals in tokens [from, to), or null when that is not all they are. */
    private static String literal(Tokens t, int from, int to) {
        int i = from;
        if (i < to && t.type[i] == Tokens.WORD && t.sql.charAt(t.start[i]) == '_' && i + 1 < to) {
            i++; // a character set introducer: _utf8mb4'...'
        }
        if (i >= to) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (; i < to; i++) {
            if (t.type[i] != Tokens.STRING || !unescape(t.sql, t.start[i], t.end[i], text)) {
                return null;
            }
        }
        return text.toString();
    }

    /**
     * Appends the content of the string literal [from, to) with MySQL's escapes undone: a doubled quote and the
     * backslash sequences of the default sql_mode. False for a literal whose bytes are not text ({@code x'..'},
     * {@code b'..'}) or that is unterminated.
     */
    private static boolean unescape(String sql, int from, int to, StringBuilder out) {
        int open = from;
        char first = sql.charAt(open);
        if (first == 'n' || first == 'N') {
            open++;
        }
        char quote = sql.charAt(open);
        if (quote != '\'' && quote != '"' || to - open < 2 || sql.charAt(to - 1) != quote) {
            return false;
        }
        for (int i = open + 1; i < to - 1; i++) {
            char c = sql.charAt(i);
            if (c == quote) {
                i++; // the lexer only ends a literal at a lone quote, so this one is doubled
                out.append(quote);
            } else if (c == '\\' && i + 1 < to - 1) {
                char escaped = sql.charAt(++i);
                switch (escaped) {
                    case '0': out.append('\0'); break;
                    case 'b': out.append('\b'); break;
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case 'Z': out.append('\u001a'); break;
                    // LIKE wildcards keep their backslash, as in the server
                    case '%': case '_': out.append('\\').append(escaped); break;
                    default: out.append(escaped);
                }
            } else {
                out.append(c);
            }
        }
        return true;
    }
}
