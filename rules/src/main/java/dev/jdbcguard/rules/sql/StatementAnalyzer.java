package dev.jdbcguard.rules.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one statement (tokens [from, to) of a {@link Tokens} stream, without its {@code ;}) into a
 * {@link StatementInfo}. Single use, not thread-safe; the classifier makes one per statement.
 *
 * <p>"Statement level" means outside every parenthesis except those that only wrap the statement's
 * own query ({@code ((SELECT ...))}, {@code (SELECT ...) UNION (SELECT ...)}): a WHERE, LIMIT or
 * select list inside a subquery, a derived table or a CTE body is not the statement's own.
 * Every method moves forward through the tokens; none rescans, so the cost is linear.
 */
final class StatementAnalyzer {
    private static final byte TOP = 1;
    private static final byte QUERY = 2;

    /** Words that end a table reference, so they are never read as a table or its alias. */
    private static final Keywords CLAUSE_WORDS = new Keywords(
        "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "NATURAL", "STRAIGHT_JOIN", "FULL", "OUTER", "ON",
        "USING", "SET", "GROUP", "ORDER", "LIMIT", "HAVING", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "FOR",
        "LOCK", "INTO", "VALUES", "VALUE", "SELECT", "PARTITION", "USE", "FORCE", "IGNORE", "PROCEDURE",
        "RETURNING", "LATERAL", "READ", "WRITE", "LOW_PRIORITY", "AS", "TO", "WITH", "LIKE", "DEFAULT", "OFFSET");

    /** Words that close a FROM (or UPDATE) table list at their level. */
    private static final Keywords FROM_ENDERS = new Keywords(
        "WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "FOR", "LOCK",
        "INTO", "SET", "RETURNING", "PROCEDURE", "VALUES", "SELECT", "UPDATE", "DUPLICATE", "WHERE");

    /** Select options that may stand right before a select list's '*'. */
    private static final Keywords SELECT_OPTIONS = new Keywords(
        "SELECT", "DISTINCT", "ALL", "DISTINCTROW", "HIGH_PRIORITY", "STRAIGHT_JOIN", "SQL_SMALL_RESULT",
        "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_NO_CACHE", "SQL_CACHE", "SQL_CALC_FOUND_ROWS");

    private static final Keywords DML_STARTS = new Keywords("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "TABLE", "VALUES");

    private static final Keywords OBJECT_WORDS = new Keywords(
        "TABLE", "TABLES", "INDEX", "DATABASE", "SCHEMA", "VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT",
        "USER", "ROLE", "TABLESPACE", "SERVER", "SEQUENCE", "LOGFILE", "INSTANCE", "RESOURCE", "SPATIAL", "PREPARE");

    /** Words that may come between CREATE/ALTER/DROP and the object word. */
    private static final String[] HEAD_MODIFIERS = {
        "OR", "REPLACE", "TEMPORARY", "UNIQUE", "FULLTEXT", "ONLINE", "OFFLINE", "IGNORE", "AGGREGATE", "UNDO",
        "EXTERNAL", "DEFAULT"};

    private final Tokens t;
    private final int from;
    private final int to;
    private final byte[] level;

    private StatementKind kind = StatementKind.OTHER;
    private final List<DdlOperation> operations = new ArrayList<>(2);
    private final Set<String> tables = new LinkedHashSet<>();
    private Set<String> cteNames = Set.of();
    private boolean hasWhere;
    private boolean hasLimit;
    private boolean selectStar;
    private boolean intoOutfile;
    private boolean ifExists;
    /** Names of the indexes an ALTER drops and adds, when it does; null before the first. */
    private List<String> droppedIndexes;
    private List<String> addedIndexes;
    private Set<SqlConstruct> constructs;
    private String reason;

    StatementAnalyzer(Tokens tokens, int from, int to) {
        this.t = tokens;
        this.from = from;
        this.to = to;
        this.level = new byte[to - from];
    }

    /** A statement the lexer could not finish (unterminated quote or comment). */
    static StatementInfo unreadable(String fingerprint, int startOffset) {
        return new StatementInfo(StatementKind.UNPARSEABLE, List.of(), List.of(), false, false, false, false,
                List.of(), fingerprint, startOffset, List.of(), false);
    }

    /** Why the statement is {@link StatementKind#UNPARSEABLE}, or null. Valid after {@link #analyze}. */
    String unparseableReason() {
        return reason;
    }

    StatementInfo analyze(String fingerprint) {
        int head = from;
        if (computeLevels()) {
            head = head(from);
            dispatch(head);
        }
        List<QueryPattern> patterns = List.of();
        if (reason != null) {
            kind = StatementKind.UNPARSEABLE;
            explainDashes();
        } else {
            findConstructs();
            patterns = QueryPatterns.find(this, from, to, kind, head, hasLimit);
        }
        return new StatementInfo(kind, operations, List.copyOf(tables), hasWhere, hasLimit, selectStar,
                intoOutfile, constructs == null ? List.of() : List.copyOf(constructs), fingerprint, t.start[from],
                patterns, ifExists);
    }

    /**
     * One pass over the tokens for the constructs some servers refuse; kind-specific ones were noted on dispatch.
     * {@code SET @v := 1} is a plain SET, not an assignment inside another statement.
     */
    private void findConstructs() {
        for (int i = from; i < to; i++) {
            if (kind != StatementKind.SET && assignmentOperator(i)) {
                construct(SqlConstruct.VARIABLE_ASSIGNMENT);
            } else if (word(i, "JSON_TABLE") && punct(i + 1, '(')) {
                construct(SqlConstruct.JSON_TABLE);
            }
        }
    }

    /** Token {@code i} is {@code :=}. */
    private boolean assignmentOperator(int i) {
        return i < to && t.type[i] == Tokens.OPERATOR && t.end[i] - t.start[i] == 2 && t.sql.startsWith(":=", t.start[i]);
    }

    private void construct(SqlConstruct found) {
        if (constructs == null) {
            constructs = new LinkedHashSet<>(2);
        }
        constructs.add(found);
    }

    /**
     * SET GLOBAL/PERSIST/PERSIST_ONLY x = ..., or @@global.x / @@persist.x assigned, anywhere in the list
     * ({@code SET @v = @@global.x} only reads one).
     */
    private boolean setsGlobal(int h) {
        for (int i = h + 1; i < to; i++) {
            if (anyWord(i, "GLOBAL", "PERSIST", "PERSIST_ONLY")) {
                return true;
            }
            boolean assigned = punct(i + 1, '=') || assignmentOperator(i + 1);
            if (assigned && t.type[i] == Tokens.VARIABLE && (t.sql.regionMatches(true, t.start[i], "@@global.", 0, 9)
                    || t.sql.regionMatches(true, t.start[i], "@@persist", 0, 9))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds to the reason why a {@code --} that is directly followed by a char other than a space is code, not a
     * comment, when the statement has one: a classic cause of unreadable migrations ({@code --DROP ...}).
     */
    private void explainDashes() {
        for (int i = from; i + 1 < to; i++) {
            if (t.isPunct(i, '-') && t.isPunct(i + 1, '-') && t.end[i] == t.start[i + 1]) {
                reason += " ('--' at offset " + t.start[i] + " is not a comment in MySQL: a comment needs a space"
                        + " after '--', as in '-- note', or '#')";
                return;
            }
        }
    }

    /** Marks the statement unparseable; the first reason given wins. */
    void unparseable(String why, int token) {
        if (reason == null) {
            reason = why + " at offset " + (token < to ? t.start[token] : t.start[to - 1]);
        }
    }

    // ---- levels ---------------------------------------------------------------------------------

    /**
     * Marks each token TOP (statement level) and QUERY (innermost parenthesis holds a query, so a
     * FROM there names tables, unlike {@code EXTRACT(YEAR FROM d)}). False on unbalanced parentheses.
     */
    private boolean computeLevels() {
        int size = to - from;
        boolean[] topStack = new boolean[size + 1];
        boolean[] queryStack = new boolean[size + 1];
        topStack[0] = true;
        queryStack[0] = true;
        int depth = 0;
        for (int i = from; i < to; i++) {
            byte outer = (byte) ((topStack[depth] ? TOP : 0) | (queryStack[depth] ? QUERY : 0));
            level[i - from] = outer;
            if (t.isPunct(i, '(')) {
                boolean query = i + 1 < to && (t.isWord(i + 1, "SELECT") || t.isWord(i + 1, "WITH")
                        || t.isPunct(i + 1, '(') || t.isWord(i + 1, "VALUES") || t.isWord(i + 1, "TABLE"));
                depth++;
                queryStack[depth] = query;
                topStack[depth] = query && topStack[depth - 1] && wrapsStatement(i);
            } else if (t.isPunct(i, ')')) {
                if (depth == 0) {
                    unparseable("unbalanced ')'", i);
                    return false;
                }
                depth--;
                level[i - from] = (byte) ((topStack[depth] ? TOP : 0) | (queryStack[depth] ? QUERY : 0));
            }
        }
        if (depth != 0) {
            unparseable("unclosed '('", to - 1);
            return false;
        }
        return true;
    }

    /** A query parenthesis at {@code open} that only wraps the statement or one side of a set operation. */
    private boolean wrapsStatement(int open) {
        int prev = open - 1;
        if (prev < from || t.isPunct(prev, '(')) {
            return true;
        }
        if (t.isPunct(prev, ')') && followsCteBody(prev)) {
            return true; // WITH c AS (SELECT 1) (SELECT ... UNION SELECT ...)
        }
        if (t.isWord(prev, "ALL") || t.isWord(prev, "DISTINCT")) {
            prev--;
        }
        return t.isWord(prev, "UNION") || t.isWord(prev, "EXCEPT") || t.isWord(prev, "INTERSECT");
    }

    /** The ')' at {@code close} ends a CTE body: its '(' follows AS, and the statement starts with WITH. */
    private boolean followsCteBody(int close) {
        int k = from;
        while (k < to && t.isPunct(k, '(')) {
            k++;
        }
        if (!word(k, "WITH")) {
            return false;
        }
        for (int open = close - 1; open >= from; open--) {
            if (t.isPunct(open, '(') && t.matchingParen(open, to) == close) {
                return word(open - 1, "AS");
            }
        }
        return false;
    }

    private boolean top(int i) {
        return (level[i - from] & TOP) != 0;
    }

    private boolean inQuery(int i) {
        return (level[i - from] & QUERY) != 0;
    }

    // ---- token helpers bounded by the statement ----------------------------------------------------

    private boolean word(int i, String keyword) {
        return i < to && t.isWord(i, keyword);
    }

    // Two and three keywords have their own overloads: a varargs array is allocated at every call that C2 does not
    // inline, and this class's methods are too large for it to inline them all.
    private boolean anyWord(int i, String first, String second) {
        return i < to && (t.isWord(i, first) || t.isWord(i, second));
    }

    private boolean anyWord(int i, String first, String second, String third) {
        return i < to && (t.isWord(i, first) || t.isWord(i, second) || t.isWord(i, third));
    }

    private boolean anyWord(int i, String... keywords) {
        if (i >= to || t.type[i] != Tokens.WORD) {
            return false;
        }
        for (String keyword : keywords) {
            if (t.isWord(i, keyword)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyWord(int i, Keywords keywords) {
        return i < to && keywords.contains(t, i);
    }

    private boolean punct(int i, char c) {
        return i < to && t.isPunct(i, c);
    }

    private boolean name(int i) {
        return i < to && t.isName(i);
    }

    /** Index after the parenthesised group opening at {@code open}, bounded by the statement. */
    private int skipGroup(int open) {
        return Math.min(t.matchingParen(open, to) + 1, to);
    }

    /** Past {@code IF [NOT] EXISTS} at {@code i}, noting it. */
    private int skipIfExists(int i) {
        if (word(i, "IF") && word(i + 1, "NOT") && word(i + 2, "EXISTS")) {
            ifExists = true;
            return i + 3;
        }
        if (word(i, "IF") && word(i + 1, "EXISTS")) {
            ifExists = true;
            return i + 2;
        }
        return i;
    }

    /**
     * Reads a possibly qualified name at {@code i} ({@code t}, {@code db.t}, {@code `db`.`t`}), records
     * it as a table unless it is a CTE, and returns the index after it ({@code i} when there is none).
     */
    private int table(int i) {
        if (!name(i)) {
            return i;
        }
        int after = i + 1;
        String tableName;
        if (punct(after, '.') && name(after + 1)) {
            StringBuilder qualified = new StringBuilder();
            t.appendName(i, qualified);
            qualified.append('.');
            t.appendName(after + 1, qualified);
            tableName = qualified.toString();
            after += 2;
        } else {
            tableName = t.name(i);
        }
        // An empty backquoted name is an error on the server, not a table.
        boolean empty = tableName.isEmpty() || tableName.charAt(0) == '.' || tableName.charAt(tableName.length() - 1) == '.';
        if (!empty && !cteNames.contains(tableName)) {
            tables.add(tableName);
        }
        return after;
    }

    /** A comma-separated list of names from {@code i}, as in DROP TABLE a, b. */
    private int tableList(int i) {
        int next = table(i);
        while (next > i && punct(next, ',')) {
            i = next + 1;
            next = table(i);
        }
        return next;
    }

    // ---- head and dispatch --------------------------------------------------------------------------

    /**
     * The token that says what the statement does: after wrapping parentheses, CTEs,
     * {@code SET STATEMENT .. FOR}, and {@code EXPLAIN ANALYZE} / MariaDB {@code ANALYZE}, which run
     * the statement they prefix.
     */
    private int head(int i) {
        while (i < to) {
            if (punct(i, '(')) {
                i++;
            } else if (i == from && punct(i, '{')) {
                // JDBC's call escape, {call p(?)} or {? = call p(?)}: the driver rewrites it to CALL p(?)
                i++;
                if (i + 1 < to && t.type[i] == Tokens.PARAM && punct(i + 1, '=')) {
                    i += 2;
                }
                return word(i, "CALL") ? i : from;
            } else if (word(i, "WITH")) {
                i = afterCtes(i + 1);
            } else if (word(i, "SET") && word(i + 1, "STATEMENT")) {
                int k = i + 2;
                while (k < to && !(word(k, "FOR") && top(k))) {
                    k++;
                }
                if (k >= to) {
                    return i;
                }
                i = k + 1;
            } else if (anyWord(i, "EXPLAIN", "DESCRIBE", "DESC") && word(i + 1, "ANALYZE") && runsStatement(i + 2)) {
                i = skipFormat(i + 2);
            } else if (word(i, "ANALYZE") && runsStatement(i + 1)) {
                i = skipFormat(i + 1);
            } else {
                return i;
            }
        }
        return i;
    }

    private int skipFormat(int i) {
        return word(i, "FORMAT") && punct(i + 1, '=') ? i + 3 : i;
    }

    /** True when a statement (not TABLE t as in ANALYZE TABLE) starts at {@code i}, after an optional FORMAT=x. */
    private boolean runsStatement(int i) {
        int k = skipFormat(i);
        return punct(k, '(') || anyWord(k, "SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH", "VALUES");
    }

    /** Records CTE names from {@code i} (after WITH) and returns the index of the statement they precede. */
    private int afterCtes(int i) {
        if (cteNames.isEmpty()) {
            cteNames = new LinkedHashSet<>();
        }
        if (word(i, "RECURSIVE")) {
            i++;
        }
        boolean expectName = true;
        for (; i < to; i++) {
            if (!top(i)) {
                continue;
            }
            if (expectName && name(i)) {
                cteNames.add(t.name(i));
                expectName = false;
            } else if (punct(i, ',')) {
                expectName = true;
            } else if (anyWord(i, DML_STARTS) || !expectName && punct(i, '(') && i + 1 < to && top(i + 1)) {
                break; // the statement, or a parenthesised query after the last CTE
            }
        }
        return i;
    }

    private void dispatch(int h) {
        if (h >= to || t.type[h] != Tokens.WORD) {
            unparseable("no statement keyword", h);
            return;
        }
        if (anyWord(h, "SELECT", "VALUES")) {
            query(StatementKind.SELECT, h);
        } else if (word(h, "TABLE")) {
            selectStar = true;
            query(StatementKind.SELECT, h);
        } else if (anyWord(h, "INSERT", "REPLACE")) {
            insert(h);
        } else if (anyWord(h, "UPDATE", "DELETE")) {
            query(word(h, "UPDATE") ? StatementKind.UPDATE : StatementKind.DELETE, h);
        } else if (word(h, "CREATE")) {
            create(h + 1);
        } else if (word(h, "ALTER")) {
            alter(h + 1);
        } else if (word(h, "DROP")) {
            drop(h + 1);
        } else if (word(h, "RENAME")) {
            rename(h + 1);
        } else if (word(h, "TRUNCATE")) {
            kind = StatementKind.TRUNCATE;
            table(word(h + 1, "TABLE") ? h + 2 : h + 1);
        } else {
            dispatchOther(h);
        }
    }

    private void dispatchOther(int h) {
        if (word(h, "SET")) {
            kind = anyWord(h + 1, "PASSWORD") ? StatementKind.PRIVILEGES : StatementKind.SET;
            if (kind == StatementKind.SET && setsGlobal(h)) {
                construct(SqlConstruct.GLOBAL_VARIABLE);
            }
        } else if (word(h, "SHOW")) {
            kind = StatementKind.SHOW;
        } else if (word(h, "USE")) {
            kind = StatementKind.USE;
        } else if (word(h, "BEGIN")) {
            if (word(h + 1, "NOT") && word(h + 2, "ATOMIC")) {
                unparseable("compound statement BEGIN NOT ATOMIC", h);
            }
            kind = StatementKind.TRANSACTION_BEGIN;
        } else if (word(h, "START")) {
            kind = word(h + 1, "TRANSACTION") ? StatementKind.TRANSACTION_BEGIN : StatementKind.ADMIN;
        } else if (word(h, "COMMIT")) {
            kind = StatementKind.TRANSACTION_END;
        } else if (word(h, "ROLLBACK")) {
            kind = word(h + 1, "TO") || word(h + 2, "TO") ? StatementKind.SAVEPOINT : StatementKind.TRANSACTION_END;
        } else if (anyWord(h, "SAVEPOINT", "RELEASE")) {
            kind = StatementKind.SAVEPOINT;
        } else if (word(h, "XA")) {
            kind = anyWord(h + 1, "START", "BEGIN") ? StatementKind.TRANSACTION_BEGIN
                    : anyWord(h + 1, "COMMIT", "ROLLBACK") ? StatementKind.TRANSACTION_END : StatementKind.OTHER;
        } else if (word(h, "LOAD") && anyWord(h + 1, "DATA", "XML")) {
            kind = StatementKind.LOAD_DATA;
            int into = h + 2;
            while (into < to && !word(into, "INTO")) {
                into++;
            }
            table(word(into + 1, "TABLE") ? into + 2 : into + 1);
        } else if (word(h, "LOCK") && anyWord(h + 1, "TABLE", "TABLES")) {
            lockTables(h + 2);
        } else if (word(h, "UNLOCK") && anyWord(h + 1, "TABLE", "TABLES")) {
            kind = StatementKind.UNLOCK_TABLES;
        } else if (word(h, "CALL")) {
            kind = StatementKind.CALL;
        } else if (anyWord(h, "EXPLAIN", "DESCRIBE", "DESC")) {
            explain(h + 1);
        } else if (anyWord(h, "ANALYZE", "OPTIMIZE", "CHECK", "CHECKSUM", "REPAIR")) {
            kind = StatementKind.TABLE_MAINTENANCE;
            if (word(h, "OPTIMIZE")) {
                construct(SqlConstruct.OPTIMIZE_TABLE);
            }
            int k = h + 1;
            while (k < to && !anyWord(k, "TABLE", "TABLES")) {
                k++;
            }
            tableList(k + 1);
        } else if (anyWord(h, "GRANT", "REVOKE")) {
            kind = StatementKind.PRIVILEGES;
        } else if (anyWord(h, "FLUSH", "KILL", "RESET", "PURGE", "SHUTDOWN", "RESTART", "INSTALL", "UNINSTALL",
                "CHANGE", "STOP", "CLONE", "CACHE", "BINLOG", "IMPORT", "LOAD", "LOCK", "UNLOCK")) {
            kind = StatementKind.ADMIN;
        } else if (anyWord(h, "PREPARE", "EXECUTE", "DEALLOCATE")) {
            kind = StatementKind.PREPARED;
        } else if (anyWord(h, "DO", "HANDLER", "HELP", "GET", "SIGNAL", "RESIGNAL")) {
            kind = StatementKind.OTHER;
        } else if (word(h, "DELIMITER")) {
            unparseable("DELIMITER is a mysql client command, not SQL", h);
        } else {
            unparseable("unknown statement '" + abbreviated(h) + "'", h);
        }
    }

    private String abbreviated(int i) {
        int end = Math.min(t.end[i], t.start[i] + 40);
        return t.sql.substring(t.start[i], end).toUpperCase(Locale.ROOT);
    }

    private void explain(int i) {
        if (name(i) && t.type[i] == Tokens.QUOTED_ID
                || name(i) && !anyWord(i, "SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH", "TABLE",
                        "VALUES", "FORMAT", "EXTENDED", "PARTITIONS", "FOR", "ANALYZE")) {
            kind = StatementKind.DESCRIBE;
            table(i);
        } else {
            kind = StatementKind.EXPLAIN;
        }
    }

    private void lockTables(int i) {
        kind = StatementKind.LOCK_TABLES;
        while (i < to) {
            table(i);
            while (i < to && !punct(i, ',')) {
                i++;
            }
            i++;
        }
    }

    // ---- DML --------------------------------------------------------------------------------------

    private void insert(int h) {
        int i = h + 1;
        while (anyWord(i, "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE")) {
            i++;
        }
        if (word(i, "INTO")) {
            i++;
        }
        table(i);
        query(word(h, "INSERT") ? StatementKind.INSERT : StatementKind.REPLACE, h);
    }

    /**
     * One forward pass over a DML statement from its head: tables after FROM/JOIN/UPDATE and in their
     * comma lists, WHERE and LIMIT at statement level, a star in a statement-level select list, INTO
     * OUTFILE/DUMPFILE.
     */
    private void query(StatementKind queryKind, int h) {
        kind = queryKind;
        boolean[] tableListOpen = new boolean[to - from + 1];
        int depth = 0;
        boolean inSelectList = false;
        // From the statement's start, not its head, so that tables read by CTEs count too.
        int i = from;
        while (i < to) {
            int next = i + 1;
            if (i == h && word(h, "UPDATE")) {
                next = h + 1;
                while (anyWord(next, "LOW_PRIORITY", "IGNORE")) {
                    next++;
                }
                tableListOpen[depth] = true;
                next = tableReference(next);
            } else if (punct(i, '(')) {
                // (t1 JOIN t2 ...) or JOIN (t2, t3): a parenthesised group of table references
                boolean referenceGroup = tableListOpen[depth]
                        && (anyWord(i - 1, "FROM", "JOIN", "STRAIGHT_JOIN") || punct(i - 1, ',') || punct(i - 1, '('))
                        && (name(i + 1) || punct(i + 1, '(')) && !anyWord(i + 1, "SELECT", "WITH", "VALUES", "TABLE");
                depth++;
                tableListOpen[depth] = referenceGroup;
                if (referenceGroup) {
                    next = tableReference(i + 1);
                }
            } else if (punct(i, ')')) {
                depth--;
            } else if (punct(i, ',') && tableListOpen[depth]) {
                next = tableReference(i + 1);
            } else if (punct(i, '*')) {
                if (inSelectList && top(i) && startsSelectItem(i - 1)) {
                    selectStar = true;
                }
            } else if (t.type[i] == Tokens.WORD) {
                boolean statementLevel = top(i);
                if (word(i, "FROM") && inQuery(i)) {
                    tableListOpen[depth] = true;
                    inSelectList &= !statementLevel;
                    next = tableReference(i + 1);
                } else if (anyWord(i, "JOIN", "STRAIGHT_JOIN") && tableListOpen[depth]) {
                    next = tableReference(i + 1);
                } else if (word(i, "USING") && tableListOpen[depth] && name(i + 1)) {
                    next = tableReference(i + 1);
                } else if (word(i, "TABLE") && inQuery(i)) {
                    next = table(i + 1); // the TABLE t statement, alone or in INSERT ... TABLE t
                } else if (anyWord(i, FROM_ENDERS)) {
                    tableListOpen[depth] = false;
                    if (statementLevel && !t.isConditional(i)) {
                        hasWhere |= word(i, "WHERE");
                        hasLimit |= word(i, "LIMIT");
                        inSelectList = word(i, "SELECT");
                    }
                    if (word(i, "INTO") && anyWord(i + 1, "OUTFILE", "DUMPFILE")) {
                        intoOutfile = true;
                    }
                }
            }
            i = next;
        }
    }

    /** True when the token before a '*' makes it a select item: a select option, a comma, or "t." in t.*. */
    private boolean startsSelectItem(int prev) {
        if (prev < from) {
            return false;
        }
        if (punct(prev, ',')) {
            return true;
        }
        if (punct(prev, '.')) {
            return prev - 1 >= from && t.isName(prev - 1);
        }
        return anyWord(prev, SELECT_OPTIONS);
    }

    /**
     * Reads one table reference of a FROM/JOIN/UPDATE list at {@code i}: a name with optional
     * PARTITION (...), alias and index hints. Returns the index after it; a derived table or anything
     * else is left for the caller's pass.
     */
    private int tableReference(int i) {
        if (punct(i, '{') && word(i + 1, "OJ")) {
            i += 2; // JDBC's outer join escape, {oj t1 LEFT OUTER JOIN t2 ON ...}
        }
        if (!name(i) || t.type[i] == Tokens.WORD && (anyWord(i, CLAUSE_WORDS) || word(i, "DUAL"))) {
            return word(i, "DUAL") ? i + 1 : i;
        }
        int k = table(i);
        if (punct(k, '.') && punct(k + 1, '*')) {
            k += 2; // DELETE t.* FROM ...
        }
        if (word(k, "PARTITION") && punct(k + 1, '(')) {
            k = skipGroup(k + 1);
        }
        if (word(k, "AS") && name(k + 1)) {
            k += 2;
        } else if (name(k) && !(t.type[k] == Tokens.WORD && anyWord(k, CLAUSE_WORDS))) {
            k++;
        }
        while (anyWord(k, "USE", "FORCE", "IGNORE") && anyWord(k + 1, "INDEX", "KEY")) {
            k += 2;
            if (word(k, "FOR")) {
                k += word(k + 1, "JOIN") ? 2 : 3;
            }
            if (punct(k, '(')) {
                k = skipGroup(k);
            }
        }
        return k;
    }

    // ---- DDL --------------------------------------------------------------------------------------

    /**
     * Index of the object keyword (TABLE, INDEX, VIEW, ...) of a CREATE/ALTER/DROP whose head words start at
     * {@code i}, or {@code to} when another word comes first. Only the modifiers that may stand before the object
     * are stepped over ({@code OR REPLACE}, {@code TEMPORARY}, {@code UNIQUE}, {@code ALGORITHM = x},
     * {@code DEFINER = user}, {@code SQL SECURITY x}, ...), so a word later in the statement ({@code DEFINER=user},
     * a column named {@code event}) never decides what kind of statement it is.
     */
    private int objectWord(int i) {
        while (i < to) {
            if (anyWord(i, OBJECT_WORDS)) {
                return i;
            }
            if (anyWord(i, "ALGORITHM", "DEFINER") && punct(i + 1, '=')) {
                i = definerOrAlgorithm(i + 2);
            } else if (word(i, "SQL") && word(i + 1, "SECURITY")) {
                i += 3;
            } else if (anyWord(i, HEAD_MODIFIERS)) {
                i++;
            } else {
                return to;
            }
        }
        return to;
    }

    /** After {@code ALGORITHM =} or {@code DEFINER =}: past the value ({@code x}, {@code user@host}, {@code CURRENT_USER()}). */
    private int definerOrAlgorithm(int i) {
        if (word(i, "CURRENT_USER")) {
            return punct(i + 1, '(') && punct(i + 2, ')') ? i + 3 : i + 1;
        }
        i++;
        return i < to && t.type[i] == Tokens.VARIABLE ? i + 1 : i;
    }

    /** TEMPORARY among the words from {@code i} up to the object word at {@code object} (CREATE OR REPLACE TEMPORARY TABLE). */
    private boolean temporary(int i, int object) {
        for (int k = i; k < object; k++) {
            if (word(k, "TEMPORARY")) {
                return true;
            }
        }
        return false;
    }

    private void create(int i) {
        int object = objectWord(i);
        boolean unique = false;
        for (int k = i; k < object; k++) {
            unique |= word(k, "UNIQUE");
        }
        if (anyWord(object, "SPATIAL")) {
            object = objectWord(object + 1);
        }
        if (anyWord(object, "TABLE", "TABLES") && temporary(i, object)) {
            kind = StatementKind.TEMPORARY_TABLE;
            table(skipIfExists(object + 1));
        } else if (anyWord(object, "TABLE", "TABLES")) {
            createTable(skipIfExists(object + 1));
        } else if (word(object, "INDEX")) {
            kind = StatementKind.CREATE_INDEX;
            operations.add(unique ? DdlOperation.ADD_UNIQUE_INDEX : DdlOperation.ADD_INDEX);
            tableAfterOn(object + 1);
        } else if (anyWord(object, "DATABASE", "SCHEMA")) {
            kind = StatementKind.CREATE_DATABASE;
        } else if (word(object, "VIEW")) {
            kind = StatementKind.CREATE_VIEW;
            table(skipIfExists(object + 1));
        } else {
            kind = otherObjectKind(object, StatementKind.CREATE_ROUTINE);
        }
    }

    /**
     * The kind of a CREATE/ALTER/DROP of anything but a table, index, database or view: routines,
     * users and roles, the server instance, prepared statements; any other object is OTHER_DDL.
     */
    private StatementKind otherObjectKind(int object, StatementKind routineKind) {
        if (anyWord(object, "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT")) {
            return routineKind;
        }
        if (anyWord(object, "USER", "ROLE")) {
            return StatementKind.PRIVILEGES;
        }
        if (word(object, "INSTANCE")) {
            return StatementKind.ADMIN;
        }
        return word(object, "PREPARE") ? StatementKind.PREPARED : StatementKind.OTHER_DDL;
    }

    private void tableAfterOn(int i) {
        while (i < to && !word(i, "ON")) {
            i++;
        }
        table(i + 1);
    }

    /** CREATE TABLE name ...: foreign keys (each REFERENCES), PARTITION BY, and a LIKE source table. */
    private void createTable(int i) {
        kind = StatementKind.CREATE_TABLE;
        int k = table(i);
        if (word(k, "LIKE")) {
            table(k + 1);
        } else if (punct(k, '(') && word(k + 1, "LIKE")) {
            table(k + 2);
        }
        for (; k < to; k++) {
            if (word(k, "REFERENCES")) {
                operations.add(DdlOperation.ADD_FOREIGN_KEY);
            } else if (word(k, "PARTITION") && word(k + 1, "BY") && top(k)) {
                operations.add(DdlOperation.PARTITIONING);
            }
        }
    }

    private void alter(int i) {
        int object = objectWord(i);
        if (word(object, "TABLE")) {
            kind = StatementKind.ALTER_TABLE;
            int k = table(skipIfExists(object + 1));
            while (k < to) {
                int end = k;
                while (end < to && !(punct(end, ',') && top(end))) {
                    end++;
                }
                AlterClauses.read(this, k, end);
                k = end + 1;
            }
            keepOnlyRealIndexDrops();
        } else {
            kind = otherObjectKind(object, StatementKind.CREATE_ROUTINE);
        }
    }

    private void drop(int i) {
        int object = objectWord(i);
        if (anyWord(object, "TABLE", "TABLES") && temporary(i, object)) {
            kind = StatementKind.TEMPORARY_TABLE;
            tableList(skipIfExists(object + 1));
        } else if (anyWord(object, "TABLE", "TABLES")) {
            kind = StatementKind.DROP_TABLE;
            tableList(skipIfExists(object + 1));
        } else if (word(object, "INDEX")) {
            kind = StatementKind.DROP_INDEX;
            operations.add(DdlOperation.DROP_INDEX);
            tableAfterOn(object + 1);
        } else if (anyWord(object, "DATABASE", "SCHEMA")) {
            kind = StatementKind.DROP_DATABASE;
        } else if (word(object, "VIEW")) {
            kind = StatementKind.DROP_VIEW;
            tableList(skipIfExists(object + 1));
        } else {
            kind = otherObjectKind(object, StatementKind.DROP_ROUTINE);
        }
    }

    /** RENAME TABLE a TO b, c TO d: every name, old and new. */
    private void rename(int i) {
        if (anyWord(i, "USER")) {
            kind = StatementKind.PRIVILEGES;
            return;
        }
        if (!anyWord(i, "TABLE", "TABLES")) {
            unparseable("RENAME of unknown object", i);
            return;
        }
        kind = StatementKind.RENAME_TABLE;
        int k = i + 1;
        while (k < to) {
            int next = table(k);
            if (next == k) {
                break;
            }
            k = anyWord(next, "TO") || punct(next, ',') ? next + 1 : to;
        }
    }

    /**
     * {@code DROP INDEX i, ADD INDEX i (...)} in one ALTER rebuilds index {@code i} under its name: no query that
     * names it in a hint breaks, so only the add is left; a drop whose name is not added back stays a drop.
     */
    private void keepOnlyRealIndexDrops() {
        if (droppedIndexes == null || addedIndexes == null) {
            return;
        }
        for (String added : addedIndexes) {
            if (droppedIndexes.remove(added)) {
                operations.remove(DdlOperation.DROP_INDEX);
            }
        }
    }

    // ---- access for AlterClauses -----------------------------------------------------------------

    void droppedIndex(int nameToken) {
        if (droppedIndexes == null) {
            droppedIndexes = new ArrayList<>(2);
        }
        droppedIndexes.add(t.name(nameToken));
    }

    void addedIndex(int nameToken) {
        if (addedIndexes == null) {
            addedIndexes = new ArrayList<>(2);
        }
        addedIndexes.add(t.name(nameToken));
    }

    Tokens tokens() {
        return t;
    }

    boolean isWord(int i, String keyword) {
        return word(i, keyword);
    }

    boolean isAnyWord(int i, String first, String second) {
        return anyWord(i, first, second);
    }

    boolean isAnyWord(int i, String first, String second, String third) {
        return anyWord(i, first, second, third);
    }

    boolean isAnyWord(int i, String... keywords) {
        return anyWord(i, keywords);
    }

    boolean isAnyWord(int i, Keywords keywords) {
        return anyWord(i, keywords);
    }

    boolean isTop(int i) {
        return top(i);
    }

    void addOperation(DdlOperation operation) {
        operations.add(operation);
    }

    void addTable(int i) {
        table(i);
    }
}
