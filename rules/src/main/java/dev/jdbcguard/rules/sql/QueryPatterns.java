package dev.jdbcguard.rules.sql;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the {@link QueryPattern}s of one DML statement: one forward pass over its tokens, on a cache miss only.
 *
 * <p>Tuned against false positives on ORM SQL (Hibernate, Spring Data, jOOQ): a bound pattern ({@code LIKE ?}) is
 * not judged, since the guard cannot see its value; a function on the value side ({@code c > NOW() - INTERVAL 1 DAY},
 * {@code c = LOWER(?)}) is fine; only the statement-level WHERE is read for functions and tautologies, and
 * {@code WHERE 1=1 AND ...} (the query builder's idiom) is not always true.
 */
final class QueryPatterns {

    /** Words that may stand before '(' without being a function applied to its contents. */
    private static final Keywords NOT_FUNCTIONS = new Keywords(
        "IN", "EXISTS", "VALUES", "VALUE", "AND", "OR", "NOT", "XOR", "WHERE", "ON", "ANY", "ALL", "SOME", "ROW",
        "HAVING", "WHEN", "THEN", "ELSE", "SELECT", "BETWEEN", "LIKE", "IS", "USING", "AGAINST");

    /** Words inside a function's parentheses that are not columns. */
    private static final Keywords NOT_COLUMNS = new Keywords(
        "AS", "NULL", "TRUE", "FALSE", "INTERVAL", "MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH",
        "QUARTER", "YEAR", "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_USER", "LOCALTIME",
        "LOCALTIMESTAMP", "SIGNED", "UNSIGNED", "CHAR", "BINARY", "DECIMAL", "DATE", "DATETIME", "TIME", "INTEGER",
        "INT", "JSON", "DOUBLE", "FLOAT", "USING", "FROM", "FOR", "LEADING", "TRAILING", "BOTH", "SEPARATOR",
        "DISTINCT", "ORDER", "BY", "ASC", "DESC", "AND", "OR", "NOT", "IS", "IN", "CASE", "WHEN", "THEN", "ELSE", "END",
        "UNKNOWN", "CHARACTER", "SET", "UTF8MB4", "UTF8", "LATIN1");

    /** Statement-level words that end a WHERE clause. */
    private static final Keywords WHERE_ENDERS = new Keywords(
        "GROUP", "ORDER", "LIMIT", "HAVING", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "FOR", "LOCK", "INTO",
        "RETURNING", "PROCEDURE");

    private final StatementAnalyzer a;
    private final Tokens t;
    private final int from;
    private final int to;
    private final Set<QueryPattern> found = EnumSet.noneOf(QueryPattern.class);

    private QueryPatterns(StatementAnalyzer analyzer, int from, int to) {
        this.a = analyzer;
        this.t = analyzer.tokens();
        this.from = from;
        this.to = to;
    }

    /** The patterns of the DML statement in tokens [from, to) with its head at {@code head}. */
    static List<QueryPattern> find(StatementAnalyzer analyzer, int from, int to, StatementKind kind, int head, boolean hasLimit) {
        QueryPatterns patterns = new QueryPatterns(analyzer, from, to);
        patterns.scan(kind);
        if ((kind == StatementKind.INSERT || kind == StatementKind.REPLACE) && patterns.insertWithoutColumns(head)) {
            patterns.found.add(QueryPattern.INSERT_WITHOUT_COLUMNS);
        }
        if ((kind == StatementKind.UPDATE || kind == StatementKind.DELETE) && hasLimit && !patterns.topOrderBy()) {
            patterns.found.add(QueryPattern.LIMIT_WITHOUT_ORDER);
        }
        return patterns.found.isEmpty() ? List.of() : List.copyOf(patterns.found);
    }

    private void scan(StatementKind kind) {
        boolean inWhere = false;
        boolean judged = kind == StatementKind.SELECT || kind == StatementKind.UPDATE || kind == StatementKind.DELETE
                || kind == StatementKind.INSERT || kind == StatementKind.REPLACE;
        if (!judged) {
            return;
        }
        for (int i = from; i < to; i++) {
            if (t.type[i] == Tokens.WORD) {
                if (t.isWord(i, "LIKE") && leadingWildcard(i + 1)) {
                    found.add(QueryPattern.LEADING_WILDCARD);
                } else if (t.isWord(i, "ORDER") && t.isWord(i + 1, "BY") && t.isWord(i + 2, "RAND") && t.isPunct(i + 3, '(')) {
                    found.add(QueryPattern.ORDER_BY_RAND);
                } else if (a.isTop(i) && !t.isConditional(i)) {
                    if (t.isWord(i, "WHERE")) {
                        inWhere = true;
                        if (alwaysTrue(i + 1)) {
                            found.add(QueryPattern.ALWAYS_TRUE_WHERE);
                        }
                    } else if (a.isAnyWord(i, WHERE_ENDERS)) {
                        inWhere = false;
                    }
                }
            }
            if (inWhere && a.isTop(i) && comparison(i) && (functionOnColumnBefore(i) || functionOnColumnAfter(i))) {
                found.add(QueryPattern.FUNCTION_ON_COLUMN);
            }
        }
    }

    /** A pattern literal starting with % or _ at {@code i}, or {@code CONCAT('%', ...)}. */
    private boolean leadingWildcard(int i) {
        if (i < to && t.type[i] == Tokens.STRING) {
            return wildcardString(i);
        }
        return t.isWord(i, "CONCAT") && t.isPunct(i + 1, '(') && i + 2 < to && t.type[i + 2] == Tokens.STRING && wildcardString(i + 2);
    }

    private boolean wildcardString(int i) {
        int quote = t.start[i];
        char first = t.sql.charAt(quote);
        if (first == 'N' || first == 'n' || first == '_') {
            // N'..' or a charset introducer such as _utf8mb4'..'
            quote = t.sql.indexOf('\'', quote);
            if (quote < 0 || quote >= t.end[i]) {
                return false;
            }
        }
        if (t.sql.charAt(quote) != '\'' && t.sql.charAt(quote) != '"') {
            return false; // x'..' and b'..' are not patterns
        }
        return quote + 1 < t.end[i] - 1 && (t.sql.charAt(quote + 1) == '%' || t.sql.charAt(quote + 1) == '_');
    }

    /** A comparison operator or LIKE/BETWEEN/IN at {@code i}. */
    private boolean comparison(int i) {
        int type = t.type[i];
        if (type == Tokens.PUNCT) {
            char c = t.sql.charAt(t.start[i]);
            return c == '=' || c == '<' || c == '>';
        }
        if (type == Tokens.OPERATOR) {
            String op = t.sql.substring(t.start[i], t.end[i]);
            return op.equals("<=") || op.equals(">=") || op.equals("<>") || op.equals("!=") || op.equals("<=>");
        }
        return a.isAnyWord(i, "LIKE", "BETWEEN", "IN") && !a.isWord(i - 1, "NOT") || a.isWord(i, "NOT") && a.isAnyWord(i + 1, "LIKE", "BETWEEN", "IN");
    }

    /** The operand ending just before the comparison at {@code i} applies a function or arithmetic to a column. */
    private boolean functionOnColumnBefore(int i) {
        int last = a.isWord(i, "NOT") ? i - 1 : i - 1;
        if (t.isPunct(last, ')')) {
            int open = openingParen(last);
            return open > from && isFunctionName(open - 1) && holdsColumn(open, last);
        }
        // col + 1 = ?, price * qty > ?
        return last - 2 >= from && (isColumn(last) || t.isLiteral(last)) && arithmetic(last - 1) && isColumn(last - 2);
    }

    /** The operand starting just after the comparison at {@code i} is a function of a column: {@code ? = LOWER(email)}. */
    private boolean functionOnColumnAfter(int i) {
        int first = i + 1;
        if (!t.isLiteral(i - 1) || !isFunctionName(first) || !t.isPunct(first + 1, '(')) {
            return false;
        }
        int close = t.matchingParen(first + 1, to);
        return close < to && holdsColumn(first + 1, close);
    }

    private boolean arithmetic(int i) {
        if (i < from || t.type[i] != Tokens.PUNCT) {
            return false;
        }
        char c = t.sql.charAt(t.start[i]);
        return c == '+' || c == '-' || c == '*' || c == '/' || c == '%';
    }

    private boolean isFunctionName(int i) {
        return i >= from && i < to && t.type[i] == Tokens.WORD && !a.isAnyWord(i, NOT_FUNCTIONS);
    }

    /** Whether tokens (open, close) name a column outside any subquery. */
    private boolean holdsColumn(int open, int close) {
        for (int k = open + 1; k < close; k++) {
            if (t.isWord(k, "SELECT")) {
                return false;
            }
        }
        for (int k = open + 1; k < close; k++) {
            if (isColumn(k)) {
                return true;
            }
        }
        return false;
    }

    /** A name that is not a keyword, a function name or part of a function's keyword syntax. */
    private boolean isColumn(int k) {
        if (k < from || k >= to || !t.isName(k) || t.isPunct(k + 1, '(')) {
            return false;
        }
        return t.type[k] == Tokens.QUOTED_ID || !a.isAnyWord(k, NOT_COLUMNS);
    }

    private int openingParen(int close) {
        int depth = 0;
        for (int k = close; k >= from; k--) {
            if (t.isPunct(k, ')')) {
                depth++;
            } else if (t.isPunct(k, '(') && --depth == 0) {
                return k;
            }
        }
        return from;
    }

    /**
     * Whether the WHERE condition from {@code i} is always true: a tautology alone or OR-ed at its top level
     * ({@code 1=1}, {@code TRUE}, {@code 1}, {@code 'a'='a'}, {@code c = c}). {@code 1=1 AND x = ?} is not.
     */
    private boolean alwaysTrue(int i) {
        int end = i;
        while (end < to && !(a.isTop(end) && a.isAnyWord(end, WHERE_ENDERS))) {
            end++;
        }
        // (1=1): look inside wrapping parentheses
        while (t.isPunct(i, '(') && t.matchingParen(i, to) == end - 1) {
            i++;
            end--;
        }
        int termStart = i;
        boolean anyAnd = false;
        for (int k = i; k <= end; k++) {
            boolean boundary = k == end || (a.isWord(k, "OR") || t.isPunct(k, '|')) && depthBetween(i, k) == 0;
            if (t.isWord(k, "AND") && depthBetween(i, k) == 0) {
                anyAnd = true;
            }
            if (boundary) {
                if (!anyAnd && tautology(termStart, k)) {
                    return true;
                }
                termStart = k + 1;
                anyAnd = false;
            }
        }
        return false;
    }

    private int depthBetween(int from, int k) {
        int depth = 0;
        for (int j = from; j < k; j++) {
            if (t.isPunct(j, '(')) {
                depth++;
            } else if (t.isPunct(j, ')')) {
                depth--;
            }
        }
        return depth;
    }

    /** Tokens [i, end) are {@code TRUE}, a non-zero number, or {@code x = x} with the same literal or name. */
    private boolean tautology(int i, int end) {
        int length = end - i;
        if (length == 1) {
            return t.isWord(i, "TRUE") || t.type[i] == Tokens.NUMBER && !zero(i);
        }
        if (length == 3 && t.isPunct(i + 1, '=') && t.type[i] == t.type[i + 2] && t.type[i] != Tokens.PARAM) {
            boolean comparable = t.type[i] == Tokens.NUMBER || t.type[i] == Tokens.STRING || t.isName(i);
            return comparable && text(i).equalsIgnoreCase(text(i + 2));
        }
        return false;
    }

    private boolean zero(int i) {
        String number = text(i);
        for (int k = 0; k < number.length(); k++) {
            char c = number.charAt(k);
            if (c != '0' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private String text(int i) {
        return t.sql.substring(t.start[i], t.end[i]);
    }

    /** INSERT [modifiers] [INTO] t [PARTITION (...)] followed by VALUES, a query or TABLE: no column list. */
    private boolean insertWithoutColumns(int head) {
        int i = head + 1;
        while (a.isAnyWord(i, "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE")) {
            i++;
        }
        if (a.isWord(i, "INTO")) {
            i++;
        }
        if (!t.isName(i)) {
            return false;
        }
        i++;
        if (t.isPunct(i, '.') && t.isName(i + 1)) {
            i += 2;
        }
        if (a.isWord(i, "PARTITION") && t.isPunct(i + 1, '(')) {
            i = t.matchingParen(i + 1, to) + 1;
        }
        if (t.isPunct(i, '(')) {
            return a.isAnyWord(i + 1, "SELECT", "WITH", "VALUES", "TABLE") || t.isPunct(i + 1, '(');
        }
        return a.isAnyWord(i, "VALUES", "VALUE", "SELECT", "TABLE", "WITH");
    }

    private boolean topOrderBy() {
        for (int i = from; i < to; i++) {
            if (a.isTop(i) && t.isWord(i, "ORDER") && t.isWord(i + 1, "BY")) {
                return true;
            }
        }
        return false;
    }
}
