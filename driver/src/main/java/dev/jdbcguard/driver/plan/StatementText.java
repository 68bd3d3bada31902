package dev.jdbcguard.driver.plan;

import dev.jdbcguard.driver.mariadb.RenderedLiteral;
import dev.jdbcguard.rules.sql.SqlTokens;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The little the plan detector reads from a SQL text: whether it can be EXPLAINed, its
 * {@code ?} placeholders, the tables it names with their aliases, and the columns its WHERE and
 * ON clauses compare (the raw material of an index suggestion).
 *
 * <p>Deliberately shallow: a walk over the classifier's tokens ({@link SqlTokens}), not a
 * parser. It runs only off the hot path (on the EXPLAIN thread, or when a status flag fired), so
 * it may allocate. Anything it cannot read leads to a less precise message, never to a wrong
 * verdict: the verdict comes from the server's EXPLAIN or status flags.
 */
final class StatementText {

    private static final Set<String> CLAUSE_ENDS = Set.of("GROUP", "ORDER", "LIMIT", "HAVING", "UNION", "FOR",
            "JOIN", "LEFT", "RIGHT", "INNER", "CROSS", "STRAIGHT_JOIN", "NATURAL", "WINDOW", "INTO", "LOCK",
            "SET", "VALUES", "ON", "WHERE", "USING", "RETURNING");
    private static final Set<String> NOT_ALIASES = Set.of("WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "CROSS",
            "STRAIGHT_JOIN", "NATURAL", "ON", "USING", "GROUP", "ORDER", "LIMIT", "HAVING", "SET", "UNION", "FOR",
            "FORCE", "USE", "IGNORE", "PARTITION", "WINDOW", "LOCK", "SELECT", "VALUES", "AS", "OUTER", "INTO",
            "RETURNING", "FROM");
    private static final Set<String> EQUALITY_OPERATORS = Set.of("=", "<=>", "IN");
    private static final Set<String> RANGE_OPERATORS = Set.of("<", ">", "<=", ">=", "BETWEEN", "LIKE");

    private final String sql;
    private final List<Token> tokens;

    private StatementText(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    static StatementText of(String sql) {
        return new StatementText(sql, scan(sql));
    }

    /**
     * True for one statement that EXPLAIN accepts without running it and that names a table:
     * SELECT (also WITH ... and a parenthesised SELECT), UPDATE, DELETE, REPLACE, INSERT ... SELECT.
     * Never for a multi-statement text: on a connection that allows multi-queries, "EXPLAIN a; b"
     * would run b. Never without a table ({@code SELECT SLEEP(1)}): there is nothing to scan.
     */
    boolean explainable() {
        for (int i = 0; i < tokens.size() - 1; i++) {
            if (tokens.get(i).text.equals(";")) {
                return false;
            }
        }
        if (tablesByAlias().isEmpty()) {
            return false;
        }
        String first = null;
        for (Token t : tokens) {
            if (t.kind == Kind.WORD) {
                first = t.upper();
                break;
            }
            if (!t.text.equals("(")) {
                return false;
            }
        }
        if (first == null) {
            return false;
        }
        return switch (first) {
            case "SELECT", "WITH", "UPDATE", "DELETE", "REPLACE" -> true;
            case "INSERT" -> tokens.stream().anyMatch(t -> t.kind == Kind.WORD && t.upper().equals("SELECT"));
            default -> false;
        };
    }

    int placeholderCount() {
        return (int) tokens.stream().filter(t -> t.kind == Kind.PLACEHOLDER).count();
    }

    /**
     * The text with each {@code ?} replaced by the SQL literal of the matching value, or
     * {@code null} when the values do not match the placeholders or one of them has no literal form
     * (streams, LOBs, unknown types). The result goes only to the server's EXPLAIN, never to a log.
     */
    String inline(List<?> values) {
        if (values == null || values.size() != placeholderCount()) {
            return null;
        }
        StringBuilder out = new StringBuilder(sql.length() + 16 * values.size());
        int from = 0;
        int next = 0;
        for (Token t : tokens) {
            if (t.kind == Kind.PLACEHOLDER) {
                String literal = literal(values.get(next++));
                if (literal == null) {
                    return null;
                }
                out.append(sql, from, t.start).append(literal);
                from = t.end;
            }
        }
        return out.append(sql, from, sql.length()).toString();
    }

    /**
     * Tables named after FROM, JOIN, UPDATE, INTO and by comma lists, keyed by the name EXPLAIN shows
     * for them (the alias when there is one), lower-cased and unquoted.
     */
    Map<String, String> tablesByAlias() {
        Map<String, String> tables = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind != Kind.WORD || !Set.of("FROM", "JOIN", "UPDATE", "INTO", "STRAIGHT_JOIN").contains(t.upper())) {
                continue;
            }
            int j = i + 1;
            while (j < tokens.size()) {
                if (!isName(j) || NOT_ALIASES.contains(tokens.get(j).upper())) {
                    break;
                }
                StringBuilder table = new StringBuilder(tokens.get(j).name());
                j++;
                while (j + 1 < tokens.size() && tokens.get(j).text.equals(".") && isName(j + 1)) {
                    table.append('.').append(tokens.get(j + 1).name());
                    j += 2;
                }
                if (j < tokens.size() && tokens.get(j).upper().equals("AS")) {
                    j++;
                }
                String alias = table.toString();
                if (isName(j) && !NOT_ALIASES.contains(tokens.get(j).upper())) {
                    alias = tokens.get(j).name();
                    j++;
                }
                tables.put(alias, table.toString());
                if (j < tokens.size() && tokens.get(j).text.equals(",")) {
                    j++;
                } else {
                    break;
                }
            }
        }
        return tables;
    }

    /**
     * The columns of {@code alias} that WHERE and ON clauses compare, equality columns first, then
     * the first range column (an index serves equalities, then one range): the columns of an index
     * that would let the server avoid a scan of that table. Unqualified columns count only when the
     * statement names one table.
     */
    List<String> comparedColumns(String alias, int tableCount) {
        Set<String> equality = new LinkedHashSet<>();
        Set<String> range = new LinkedHashSet<>();
        boolean inPredicate = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind == Kind.WORD && CLAUSE_ENDS.contains(t.upper())) {
                inPredicate = t.upper().equals("WHERE") || t.upper().equals("ON");
                continue;
            }
            if (!inPredicate || !(t.kind == Kind.OPERATOR || t.kind == Kind.WORD)) {
                continue;
            }
            String op = t.upper();
            boolean eq = EQUALITY_OPERATORS.contains(op);
            if (!eq && !RANGE_OPERATORS.contains(op)) {
                continue;
            }
            int left = i - 1;
            if (left >= 0 && tokens.get(left).upper().equals("NOT")) {
                continue; // NOT IN, NOT LIKE, NOT BETWEEN: an index rarely helps
            }
            String column = columnEndingAt(left, alias, tableCount);
            if (column == null && t.kind == Kind.OPERATOR) {
                column = columnStartingAt(i + 1, alias, tableCount);
            }
            if (column != null) {
                (eq ? equality : range).add(column);
            }
        }
        List<String> columns = new ArrayList<>(equality);
        range.stream().filter(c -> !equality.contains(c)).findFirst().ifPresent(columns::add);
        return columns;
    }

    private String columnEndingAt(int i, String alias, int tableCount) {
        if (!isName(i) || isKeywordLike(i)) {
            return null;
        }
        boolean qualified = i >= 2 && tokens.get(i - 1).text.equals(".") && isName(i - 2);
        if (qualified) {
            return tokens.get(i - 2).name().equals(alias) ? tokens.get(i).name() : null;
        }
        return tableCount == 1 ? tokens.get(i).name() : null;
    }

    private String columnStartingAt(int i, String alias, int tableCount) {
        if (!isName(i) || isKeywordLike(i)) {
            return null;
        }
        boolean qualified = i + 2 < tokens.size() && tokens.get(i + 1).text.equals(".") && isName(i + 2);
        if (qualified) {
            return tokens.get(i).name().equals(alias) ? tokens.get(i + 2).name() : null;
        }
        boolean call = i + 1 < tokens.size() && tokens.get(i + 1).text.equals("(");
        return !call && tableCount == 1 ? tokens.get(i).name() : null;
    }

    private boolean isKeywordLike(int i) {
        Token t = tokens.get(i);
        return t.kind == Kind.WORD && Set.of("NULL", "TRUE", "FALSE", "AND", "OR", "NOT", "WHERE", "ON").contains(t.upper());
    }

    private boolean isName(int i) {
        return i >= 0 && i < tokens.size() && (tokens.get(i).kind == Kind.WORD || tokens.get(i).kind == Kind.QUOTED_NAME);
    }

    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof RenderedLiteral rendered) {
            return oneLiteral(rendered.sql()) ? rendered.sql() : null;
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double d && d.isInfinite() || value instanceof Float f && f.isInfinite()
                || value instanceof Double n && n.isNaN() || value instanceof Float m && m.isNaN()) {
            return null;
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof byte[] bytes) {
            return "X'" + HexFormat.of().formatHex(bytes) + "'";
        }
        if (value instanceof CharSequence || value instanceof Character || value instanceof java.util.Date
                || value instanceof java.time.temporal.TemporalAccessor) {
            return "'" + value.toString().replace("\\", "\\\\").replace("'", "''") + "'";
        }
        return null;
    }

    /**
     * Whether a driver's text for a value is one string or number literal (a number may carry a minus sign) and
     * nothing else: {@code _binary '...'}, a stream's placeholder text or anything with a second token is not
     * put into an EXPLAIN.
     */
    static boolean oneLiteral(String sql) {
        SqlTokens tokens = SqlTokens.of(sql);
        if (tokens.error() != null || tokens.size() == 0 || tokens.size() > 2) {
            return false;
        }
        int last = tokens.size() - 1;
        boolean signed = last == 0 || tokens.text(0).equals("-") && tokens.kind(last) == SqlTokens.Kind.NUMBER;
        SqlTokens.Kind kind = tokens.kind(last);
        return signed && (kind == SqlTokens.Kind.STRING || kind == SqlTokens.Kind.NUMBER);
    }

    /** The classifier's own lexer (rules), so this reader and the rules agree on every quote and comment. */
    private static List<Token> scan(String sql) {
        SqlTokens lexed = SqlTokens.of(sql);
        List<Token> tokens = new ArrayList<>(lexed.size());
        for (int i = 0; i < lexed.size(); i++) {
            String text = lexed.text(i);
            Kind kind = switch (lexed.kind(i)) {
                case WORD -> Kind.WORD;
                case QUOTED_NAME -> Kind.QUOTED_NAME;
                case STRING -> Kind.STRING;
                case PLACEHOLDER -> Kind.PLACEHOLDER;
                case OPERATOR -> Kind.OPERATOR;
                case PUNCTUATION -> "<>=".contains(text) ? Kind.OPERATOR : Kind.OTHER;
                case NUMBER, VARIABLE -> Kind.OTHER;
            };
            boolean named = kind == Kind.WORD || kind == Kind.QUOTED_NAME;
            tokens.add(new Token(kind, text, lexed.start(i), lexed.end(i), named ? lexed.name(i) : text));
        }
        return tokens;
    }

    private enum Kind { WORD, QUOTED_NAME, STRING, PLACEHOLDER, OPERATOR, OTHER }

    /** @param name for a word or backquoted identifier: unquoted and lower-cased, as MySQL compares table names on most systems */
    private record Token(Kind kind, String text, int start, int end, String name) {
        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }
}
