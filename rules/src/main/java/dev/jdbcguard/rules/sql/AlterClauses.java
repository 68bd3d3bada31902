package dev.jdbcguard.rules.sql;

import java.util.List;

/**
 * Reads the clauses of an ALTER TABLE, one comma-separated clause at a time, into
 * {@link DdlOperation}s. Table options may follow each other without commas
 * ({@code ENGINE=InnoDB DEFAULT CHARSET=utf8mb4}), so an options clause can yield several operations.
 */
final class AlterClauses {
    private AlterClauses() {
    }

    /** Adds the operations of the clause in tokens [from, end) to {@code a}. */
    static void read(StatementAnalyzer a, int from, int end) {
        if (from >= end) {
            return;
        }
        DdlOperation operation = clause(a, from, end);
        if (operation != null) {
            a.addOperation(operation);
        }
        if (operation != DdlOperation.PARTITIONING) {
            for (int i = from + 1; i < end; i++) {
                if (a.isWord(i, "PARTITION") && a.isWord(i + 1, "BY") && a.isTop(i)) {
                    a.addOperation(DdlOperation.PARTITIONING);
                }
            }
        }
    }

    /**
     * The operation a clause starts with, or null when there is none to add (ALGORITHM=, LOCK=) or
     * table options already added their own.
     */
    private static DdlOperation clause(StatementAnalyzer a, int i, int end) {
        int next = i + 1;
        if (a.isWord(i, "ADD")) {
            DdlOperation added = add(a, next, end);
            if (added == DdlOperation.ADD_INDEX || added == DdlOperation.ADD_UNIQUE_INDEX) {
                indexName(a, next, end, true);
            }
            return added;
        }
        if (a.isWord(i, "DROP")) {
            DdlOperation dropped = drop(a, next);
            if (dropped == DdlOperation.DROP_INDEX) {
                indexName(a, next, end, false);
            }
            return dropped;
        }
        if (a.isWord(i, "MODIFY")) {
            return DdlOperation.MODIFY_COLUMN;
        }
        if (a.isWord(i, "CHANGE")) {
            return change(a, a.isWord(next, "COLUMN") ? next + 1 : next);
        }
        if (a.isWord(i, "RENAME")) {
            if (a.isWord(next, "COLUMN")) {
                return DdlOperation.RENAME_COLUMN;
            }
            if (a.isAnyWord(next, "INDEX", "KEY")) {
                return DdlOperation.RENAME_INDEX;
            }
            a.addTable(a.isAnyWord(next, "TO", "AS") ? next + 1 : next);
            return DdlOperation.RENAME_TABLE;
        }
        if (a.isWord(i, "ALTER") && a.isAnyWord(next, "CHECK", "CONSTRAINT")) {
            // ALTER CHECK c [NOT] ENFORCED: enforcing validates every row; NOT ENFORCED only stops checking
            return a.isWord(next + 2, "ENFORCED") ? DdlOperation.ADD_CHECK : DdlOperation.OTHER;
        }
        if (a.isWord(i, "ALTER")) {
            int column = a.isWord(next, "COLUMN") ? next + 1 : next;
            boolean defaultChange = a.isAnyWord(column + 1, "SET", "DROP") && a.isWord(column + 2, "DEFAULT");
            return defaultChange ? DdlOperation.ALTER_COLUMN_DEFAULT : DdlOperation.OTHER;
        }
        if (a.isWord(i, "CONVERT")) {
            return DdlOperation.CHANGE_CHARSET;
        }
        if (a.isWord(i, "FORCE")) {
            return DdlOperation.REBUILD;
        }
        if (a.isWord(i, "TRUNCATE")) {
            return DdlOperation.DROP_PARTITION;
        }
        if (a.isAnyWord(i, "PARTITION", "REMOVE", "REORGANIZE", "COALESCE", "EXCHANGE", "REBUILD", "OPTIMIZE",
                "ANALYZE", "CHECK", "REPAIR")) {
            return DdlOperation.PARTITIONING;
        }
        if (a.isAnyWord(i, "ALGORITHM", "LOCK", "WITH", "WITHOUT")) {
            tableOptions(a, next, end);
            return null;
        }
        if (a.isAnyWord(i, "ORDER", "ENABLE", "DISABLE", "DISCARD", "IMPORT")) {
            return DdlOperation.OTHER;
        }
        return tableOptions(a, i, end) ? null : DdlOperation.OTHER;
    }

    /** ADD ...: what follows ADD tells the operation; a bare name or '(' adds columns. */
    private static DdlOperation add(StatementAnalyzer a, int i, int end) {
        if (a.isWord(i, "CONSTRAINT")) {
            // ADD CONSTRAINT [symbol] UNIQUE | PRIMARY KEY | FOREIGN KEY | CHECK
            int kind = a.isAnyWord(i + 1, "UNIQUE", "PRIMARY", "FOREIGN", "CHECK") ? i + 1 : i + 2;
            return a.isAnyWord(kind, "UNIQUE", "PRIMARY", "FOREIGN", "CHECK") ? add(a, kind, end) : DdlOperation.OTHER;
        }
        if (a.isWord(i, "CHECK")) {
            return enforced(a, i + 1, end) ? DdlOperation.ADD_CHECK : DdlOperation.OTHER;
        }
        return lookup(a, i, ADD_OBJECTS, DdlOperation.ADD_COLUMN);
    }

    /** A CHECK clause from {@code i} to {@code end} is enforced unless it says NOT ENFORCED after its condition. */
    private static boolean enforced(StatementAnalyzer a, int i, int end) {
        for (int k = i; k + 1 < end; k++) {
            if (a.isTop(k) && a.isWord(k, "NOT") && a.isWord(k + 1, "ENFORCED")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Notes the name of the index an ADD or DROP clause from {@code i} names ({@code [UNIQUE|FULLTEXT|SPATIAL]
     * [INDEX|KEY] [IF [NOT] EXISTS] name}), so that an ALTER that drops and re-adds it reads as a rebuild.
     */
    private static void indexName(StatementAnalyzer a, int i, int end, boolean added) {
        int k = i;
        if (a.isWord(k, "CONSTRAINT")) {
            k += a.isWord(k + 1, "UNIQUE") ? 1 : 2;
        }
        if (a.isAnyWord(k, "UNIQUE", "FULLTEXT", "SPATIAL")) {
            k++;
        }
        if (a.isAnyWord(k, "INDEX", "KEY")) {
            k++;
        }
        if (a.isWord(k, "IF")) {
            k += a.isWord(k + 1, "NOT") ? 3 : 2;
        }
        Tokens t = a.tokens();
        if (k < end && t.isName(k) && !a.isAnyWord(k, "USING")) {
            if (added) {
                a.addedIndex(k);
            } else {
                a.droppedIndex(k);
            }
        }
    }

    /** DROP ...: what follows DROP tells the operation; a bare name drops a column. */
    private static DdlOperation drop(StatementAnalyzer a, int i) {
        return lookup(a, i, DROP_OBJECTS, DdlOperation.DROP_COLUMN);
    }

    private record Keyword(String word, DdlOperation operation) {
    }

    private static final List<Keyword> ADD_OBJECTS = List.of(
        new Keyword("INDEX", DdlOperation.ADD_INDEX), new Keyword("KEY", DdlOperation.ADD_INDEX),
        new Keyword("FULLTEXT", DdlOperation.ADD_INDEX), new Keyword("SPATIAL", DdlOperation.ADD_INDEX),
        new Keyword("UNIQUE", DdlOperation.ADD_UNIQUE_INDEX), new Keyword("PRIMARY", DdlOperation.ADD_PRIMARY_KEY),
        new Keyword("FOREIGN", DdlOperation.ADD_FOREIGN_KEY), new Keyword("PARTITION", DdlOperation.PARTITIONING),
        new Keyword("PERIOD", DdlOperation.OTHER), new Keyword("SYSTEM", DdlOperation.OTHER));

    private static final List<Keyword> DROP_OBJECTS = List.of(
        new Keyword("INDEX", DdlOperation.DROP_INDEX), new Keyword("KEY", DdlOperation.DROP_INDEX),
        new Keyword("PRIMARY", DdlOperation.DROP_PRIMARY_KEY), new Keyword("FOREIGN", DdlOperation.DROP_FOREIGN_KEY),
        new Keyword("PARTITION", DdlOperation.DROP_PARTITION), new Keyword("CONSTRAINT", DdlOperation.OTHER),
        new Keyword("CHECK", DdlOperation.OTHER), new Keyword("PERIOD", DdlOperation.OTHER),
        new Keyword("SYSTEM", DdlOperation.OTHER));

    private static DdlOperation lookup(StatementAnalyzer a, int i, List<Keyword> keywords, DdlOperation fallback) {
        for (Keyword keyword : keywords) {
            if (a.isWord(i, keyword.word())) {
                return keyword.operation();
            }
        }
        return fallback;
    }

    /** CHANGE [COLUMN] [IF EXISTS] old new ...: a rename when the names differ (MySQL compares them case-insensitively). */
    private static DdlOperation change(StatementAnalyzer a, int i) {
        if (a.isWord(i, "IF") && a.isWord(i + 1, "EXISTS")) {
            i += 2;
        }
        Tokens t = a.tokens();
        if (!t.isName(i) || !t.isName(i + 1) || a.isTop(i) != a.isTop(i + 1)) {
            return DdlOperation.MODIFY_COLUMN;
        }
        return t.name(i).equals(t.name(i + 1)) ? DdlOperation.MODIFY_COLUMN : DdlOperation.RENAME_COLUMN;
    }

    /**
     * Adds the table options from {@code i} to {@code end} that change the table: ENGINE, character
     * set or collation, ROW_FORMAT / KEY_BLOCK_SIZE, each once. False when there is none.
     */
    private static boolean tableOptions(StatementAnalyzer a, int i, int end) {
        boolean engine = false;
        boolean charset = false;
        boolean rebuild = false;
        for (int k = i; k < end; k++) {
            if (!a.isTop(k)) {
                continue;
            }
            if (a.isWord(k, "ENGINE") && !engine) {
                engine = true;
                a.addOperation(DdlOperation.CHANGE_ENGINE);
            } else if (a.isAnyWord(k, "CHARSET", "CHARACTER", "COLLATE") && !charset) {
                charset = true;
                a.addOperation(DdlOperation.CHANGE_CHARSET);
            } else if (a.isAnyWord(k, "ROW_FORMAT", "KEY_BLOCK_SIZE") && !rebuild) {
                rebuild = true;
                a.addOperation(DdlOperation.REBUILD);
            }
        }
        return engine || charset || rebuild;
    }
}
