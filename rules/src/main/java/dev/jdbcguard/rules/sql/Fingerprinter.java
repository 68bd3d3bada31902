package dev.jdbcguard.rules.sql;

/**
 * Normalises SQL so that the same statement with other values gives the same string, as
 * pt-query-digest and ProxySQL digests do: every literal (string, number, hex, bit, placeholder)
 * becomes {@code ?} (with its sign where the sign cannot be an operator), adjacent string literals become one, a list of only literals in parentheses
 * ({@code IN (1, 2, 3)}, a {@code VALUES} row) becomes {@code (?+)}, the extra rows of a multi-row
 * {@code VALUES} are dropped, comments disappear (the code of executable comments stays), words and
 * identifiers are lower-cased, backquotes removed, and tokens are separated by one space (none after
 * {@code (} or {@code .}, none before {@code )}, {@code ,}, {@code .}). Keywords such as {@code NULL},
 * {@code TRUE} and {@code FALSE} are kept.
 */
public final class Fingerprinter {
    private Fingerprinter() {
    }

    /**
     * The fingerprint of {@code sql}: its statements' fingerprints joined by {@code "; "}. Never throws;
     * null gives "". Cost: one classification (linear in the text).
     */
    public static String fingerprint(String sql) {
        return SqlClassifier.classify(sql).fingerprint();
    }

    /** Appends the fingerprint of tokens [from, to) to {@code out}; linear in the number of tokens. */
    static void append(Tokens t, int from, int to, StringBuilder out) {
        int segmentStart = out.length();
        boolean lastWasString = false;
        int valuesRowsEnd = -1; // index of the ')' closing the first VALUES row, whose followers are dropped
        int i = from;
        while (i < to) {
            int type = t.type[i];
            if (type == Tokens.STRING && lastWasString) {
                i++;
                continue;
            }
            lastWasString = type == Tokens.STRING;
            if (i == valuesRowsEnd + 1 && valuesRowsEnd >= 0) {
                valuesRowsEnd = -1;
                int next = skipExtraRows(t, i, to);
                if (next != i) {
                    i = next;
                    continue;
                }
            }
            boolean listKeyword = type == Tokens.WORD && (t.isWord(i, "IN") || isValues(t, i));
            if (listKeyword && i + 1 < to && t.isPunct(i + 1, '(')) {
                if (isValues(t, i) && valuesRowsEnd < 0) {
                    valuesRowsEnd = t.matchingParen(i + 1, to);
                }
                int close = literalListEnd(t, i + 2, to);
                if (close > 0) {
                    space(out, segmentStart, 'w');
                    appendLower(t, i, out);
                    out.append(" (?+)");
                    i = close + 1;
                    continue;
                }
            }
            if (isUnarySign(t, i, from, to)) {
                i++;
                continue;
            }
            switch (type) {
                case Tokens.STRING, Tokens.NUMBER, Tokens.PARAM -> {
                    space(out, segmentStart, '?');
                    out.append('?');
                }
                case Tokens.QUOTED_ID -> {
                    space(out, segmentStart, 'w');
                    t.appendName(i, out);
                }
                case Tokens.PUNCT, Tokens.OPERATOR -> {
                    space(out, segmentStart, t.sql.charAt(t.start[i]));
                    out.append(t.sql, t.start[i], t.end[i]);
                }
                default -> {
                    space(out, segmentStart, 'w');
                    appendLower(t, i, out);
                }
            }
            i++;
        }
    }

    /** A '-' or '+' before a number where no operand precedes it ({@code = -5}, {@code (-1}): part of the literal. */
    private static boolean isUnarySign(Tokens t, int i, int from, int to) {
        if (t.type[i] != Tokens.PUNCT || i + 1 >= to || t.type[i + 1] != Tokens.NUMBER || !(t.isPunct(i, '-') || t.isPunct(i, '+'))) {
            return false;
        }
        int before = i - 1;
        return before < from || t.type[before] == Tokens.OPERATOR || t.type[before] == Tokens.PUNCT && !t.isPunct(before, ')');
    }

    private static boolean isValues(Tokens t, int i) {
        return t.isWord(i, "VALUES") || t.isWord(i, "VALUE");
    }

    /** After the first VALUES row at {@code i}: skips ", (...)" and ", ROW(...)" rows; returns where to go on. */
    private static int skipExtraRows(Tokens t, int i, int to) {
        int next = i;
        while (next + 1 < to && t.isPunct(next, ',')) {
            int open = t.isWord(next + 1, "ROW") ? next + 2 : next + 1;
            if (open >= to || !t.isPunct(open, '(')) {
                break;
            }
            int close = t.matchingParen(open, to);
            if (close >= to) {
                break;
            }
            next = close + 1;
        }
        return next;
    }

    /**
     * When tokens from {@code i} up to a ')' are only literals, NULL, signs and commas (with at least
     * one literal), the index of that ')'; otherwise -1. Stops at the first other token.
     */
    private static int literalListEnd(Tokens t, int i, int to) {
        boolean sawLiteral = false;
        for (int k = i; k < to; k++) {
            if (t.isLiteral(k) || t.isWord(k, "NULL")) {
                sawLiteral = true;
            } else if (t.isPunct(k, ')')) {
                return sawLiteral ? k : -1;
            } else if (!t.isPunct(k, ',') && !t.isPunct(k, '-') && !t.isPunct(k, '+')) {
                return -1;
            }
        }
        return -1;
    }

    private static void space(StringBuilder out, int segmentStart, char next) {
        if (out.length() == segmentStart) {
            return;
        }
        char last = out.charAt(out.length() - 1);
        if (last == '(' || last == '.' || next == ')' || next == ',' || next == '.' || next == ';') {
            return;
        }
        out.append(' ');
    }

    private static void appendLower(Tokens t, int i, StringBuilder out) {
        String sql = t.sql;
        for (int k = t.start[i], end = t.end[i]; k < end; k++) {
            char c = sql.charAt(k);
            out.append(c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) : Character.toLowerCase(c));
        }
    }
}
