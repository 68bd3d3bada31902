package dev.jdbcguard.rules.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL statements inside a stored routine's body, so that {@code lint} judges the DDL and DML a procedure, trigger
 * or event runs as what they are, not only the {@code CREATE} that defines them.
 *
 * <p>The body starts after {@code FOR EACH ROW [FOLLOWS|PRECEDES t]} (a trigger), after {@code DO} (an event), or at
 * the first {@code BEGIN} or statement word after the parameters (a procedure or function). Inside a compound
 * statement, control flow is stepped over: labels, {@code BEGIN}/{@code END}, the conditions of {@code IF},
 * {@code ELSEIF}, {@code WHILE}, {@code CASE ... WHEN} and {@code UNTIL}, and the procedural statements
 * {@code DECLARE}, {@code LEAVE}, {@code ITERATE}, {@code OPEN}, {@code FETCH}, {@code CLOSE}, {@code RETURN},
 * {@code SIGNAL}, {@code RESIGNAL}, {@code GET DIAGNOSTICS}. What remains is SQL: from its first token to the last
 * before its {@code ;}; a cursor's {@code SELECT} and a handler's statement count too. Linear in the routine's
 * tokens; never throws (text it cannot follow yields fewer statements).
 */
public final class RoutineBody {

    /** A statement of the body: chars [start, end) of the routine's text. */
    public record Span(int start, int end) {
    }

    private static final String[] PROCEDURAL = {
        "LEAVE", "ITERATE", "OPEN", "FETCH", "CLOSE", "RETURN", "SIGNAL", "RESIGNAL", "GET"};
    private static final String[] BODY_STARTS = {
        "BEGIN", "SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE",
        "CALL", "WITH", "IF", "WHILE", "LOOP", "REPEAT", "CASE", "SET"};
    private static final String[] END_SUFFIXES = {"IF", "LOOP", "WHILE", "REPEAT", "CASE"};

    private final Tokens t;
    private final int to;
    private final List<Span> spans = new ArrayList<>();

    private RoutineBody(Tokens tokens, int to) {
        this.t = tokens;
        this.to = to;
    }

    /** The SQL statements in the body of the routine that {@code routine} (one CREATE statement) defines. */
    public static List<Span> statements(String routine) {
        try {
            Tokens tokens = SqlLexer.lex(routine);
            int end = new StatementSplitter(tokens).end(0);
            RoutineBody body = new RoutineBody(tokens, end);
            int start = body.bodyStart();
            if (start >= 0) {
                body.read(start);
            }
            return List.copyOf(body.spans);
        } catch (RuntimeException e) {
            return List.of(); // the routine itself is still judged; its body is then not
        }
    }

    private int bodyStart() {
        int i = 0;
        while (i < to && !anyWord(i, "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT")) {
            i++;
        }
        if (i >= to) {
            return -1;
        }
        if (t.isWord(i, "TRIGGER")) {
            while (i < to && !(t.isWord(i, "EACH") && t.isWord(i + 1, "ROW"))) {
                i++;
            }
            i += 2;
            return anyWord(i, "FOLLOWS", "PRECEDES") ? i + 2 : i;
        }
        if (t.isWord(i, "EVENT")) {
            for (int depth = 0; i < to; i++) {
                depth += t.isPunct(i, '(') ? 1 : t.isPunct(i, ')') ? -1 : 0;
                if (depth == 0 && t.isWord(i, "DO")) {
                    return i + 1;
                }
            }
            return -1;
        }
        // a procedure or function: after the parameter list, the first word that starts a statement
        while (i < to && !t.isPunct(i, '(')) {
            i++;
        }
        i = i < to ? t.matchingParen(i, to) + 1 : to;
        for (; i < to; i++) {
            if (isLabel(i)) {
                return i;
            }
            if (t.type[i] == Tokens.WORD && anyWord(i, BODY_STARTS) && !(t.isWord(i, "SET") && t.isWord(i - 1, "CHARACTER"))) {
                return i;
            }
            if (t.isPunct(i, '(')) {
                i = t.matchingParen(i, to); // RETURNS DECIMAL(10, 2)
            }
        }
        return -1;
    }

    /** Reads statements from {@code i} to the end of the routine. */
    private void read(int i) {
        while (i < to) {
            i = statement(i);
        }
    }

    /** One step at a statement position: control flow is skipped, SQL recorded; the index after what was read. */
    private int statement(int i) {
        if (isLabel(i)) {
            return i + 2;
        }
        if (t.isPunct(i, ';')) {
            return i + 1;
        }
        if (t.isWord(i, "BEGIN")) {
            return t.isWord(i + 1, "NOT") && t.isWord(i + 2, "ATOMIC") ? i + 3 : i + 1;
        }
        if (t.isWord(i, "END")) {
            // END [IF|LOOP|WHILE|REPEAT|CASE] [label]
            int k = anyWord(i + 1, END_SUFFIXES) ? i + 2 : i + 1;
            return k < to && t.isName(k) && (k + 1 >= to || t.isPunct(k + 1, ';')) ? k + 1 : k;
        }
        if (anyWord(i, "IF", "ELSEIF", "WHEN")) {
            return after(i + 1, "THEN");
        }
        if (t.isWord(i, "WHILE")) {
            return after(i + 1, "DO");
        }
        if (t.isWord(i, "CASE")) {
            return until(i + 1, "WHEN");
        }
        if (t.isWord(i, "UNTIL")) {
            return until(i + 1, "END");
        }
        if (anyWord(i, "ELSE", "LOOP", "REPEAT")) {
            return i + 1;
        }
        if (t.isWord(i, "DECLARE")) {
            return declare(i + 1);
        }
        if (anyWord(i, PROCEDURAL)) {
            return until(i + 1, null) + 1;
        }
        int end = until(i, null);
        if (end > i) {
            spans.add(new Span(t.start[i], t.end[end - 1]));
        }
        return end + 1;
    }

    /** DECLARE ... HANDLER FOR conditions statement; DECLARE c CURSOR FOR select; other DECLAREs are skipped. */
    private int declare(int i) {
        int end = until(i, null);
        for (int k = i; k < end; k++) {
            if (t.isWord(k, "CURSOR") && t.isWord(k + 1, "FOR")) {
                return statement(k + 2);
            }
            if (t.isWord(k, "HANDLER") && t.isWord(k + 1, "FOR")) {
                k += 2;
                do {
                    k = condition(k);
                } while (t.isPunct(k, ',') && ++k < to);
                return k;
            }
        }
        return end + 1;
    }

    /** One condition of a handler: SQLSTATE [VALUE] 'x', an error number, SQLWARNING, NOT FOUND, SQLEXCEPTION, a name. */
    private int condition(int k) {
        if (t.isWord(k, "SQLSTATE")) {
            return t.isWord(k + 1, "VALUE") ? k + 3 : k + 2;
        }
        if (t.isWord(k, "NOT") && t.isWord(k + 1, "FOUND")) {
            return k + 2;
        }
        return k + 1;
    }

    private boolean isLabel(int i) {
        return i + 1 < to && t.isName(i) && t.isPunct(i + 1, ':') && !t.isPunct(i + 2, '=');
    }

    /** The index after the first {@code word} from {@code i} outside parentheses (or the end). */
    private int after(int i, String word) {
        int k = until(i, word);
        return k < to ? k + 1 : k;
    }

    /** The index of the first {@code word} (or, when null, ';') from {@code i} outside parentheses, else the end. */
    private int until(int i, String word) {
        int depth = 0;
        for (; i < to; i++) {
            if (t.isPunct(i, '(')) {
                depth++;
            } else if (t.isPunct(i, ')')) {
                depth--;
            } else if (depth <= 0 && (word == null ? t.isPunct(i, ';') : t.isWord(i, word))) {
                return i;
            }
        }
        return to;
    }

    private boolean anyWord(int i, String... words) {
        for (String word : words) {
            if (t.isWord(i, word)) {
                return true;
            }
        }
        return false;
    }
}
