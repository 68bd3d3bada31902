package dev.jdbcguard.rules.schema;

import dev.jdbcguard.rules.sql.SqlTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads what one DDL statement does to the schema: {@code CREATE TABLE}, {@code ALTER TABLE}, {@code DROP TABLE},
 * {@code RENAME TABLE}, {@code CREATE INDEX}, {@code DROP INDEX}. Uses the classifier's lexer ({@link SqlTokens}), so
 * quotes, comments and executable comments are read exactly as the statement rules read them.
 *
 * <p>Deliberately tolerant: it reads what it needs (names, types, nullability, defaults, keys, charsets) and skips
 * the rest (comments, storage options, partitioning, expressions) by parentheses. Never throws; a statement it
 * cannot read gives {@code null}, which leaves the schema as it was. Runs offline ({@code lint}) or off the hot
 * path only.
 */
public final class DdlReader {

    private final SqlTokens t;
    private final int end;

    private DdlReader(SqlTokens tokens) {
        this.t = tokens;
        // One statement: a ';' ends it (a routine body has none of the statements read here).
        int last = 0;
        while (last < tokens.size() && !isPunct(last, ";")) {
            last++;
        }
        this.end = last;
    }

    /** The schema change of one statement, or null when it is not one of the statements read (or unreadable). */
    public static SchemaChange read(String statement) {
        SqlTokens tokens = SqlTokens.of(statement);
        if (tokens.error() != null) {
            return null;
        }
        try {
            return new DdlReader(tokens).statement();
        } catch (RuntimeException e) {
            // An odd statement must not stop a lint run or a connection: the model just learns nothing from it.
            return null;
        }
    }

    /**
     * A column type as the server prints it in {@code information_schema.COLUMNS.COLUMN_TYPE}
     * ({@code varchar(20)}, {@code int(10) unsigned}, {@code enum('a','b')}, {@code decimal(10,2)}), read the way a
     * column definition's type is, so a type the server reports and one a migration declares compare alike.
     *
     * @param charset the column's character set ({@code CHARACTER_SET_NAME}), or null for a type without one
     * @return the type, or null when the text is not one
     */
    public static ColumnType columnType(String text, String charset) {
        SqlTokens tokens = SqlTokens.of(text);
        if (tokens.error() != null) {
            return null;
        }
        try {
            DdlReader reader = new DdlReader(tokens);
            TypeRead type = reader.type(0, reader.end);
            return type == null ? null : charset == null ? type.type : type.type.withCharset(charset);
        } catch (RuntimeException e) {
            return null; // as read(): an odd answer makes the column unknown, never a failure
        }
    }

    private SchemaChange statement() {
        int i = 0;
        if (word(i, "CREATE")) {
            i++;
            if (word(i, "OR") && word(i + 1, "REPLACE")) {
                i += 2;
            }
            if (word(i, "TEMPORARY")) {
                return null;
            }
            if (word(i, "TABLE")) {
                return createTable(i + 1);
            }
            Index.Kind kind = indexModifier(i);
            int k = kind == null ? i : i + 1;
            return word(k, "INDEX") ? createIndex(k + 1, kind == null ? Index.Kind.PLAIN : kind) : null;
        }
        if (word(i, "ALTER")) {
            i++;
            while (word(i, "ONLINE") || word(i, "OFFLINE") || word(i, "IGNORE")) {
                i++;
            }
            return word(i, "TABLE") ? alterTable(i + 1) : null;
        }
        if (word(i, "DROP")) {
            if (word(i + 1, "TEMPORARY")) {
                return null;
            }
            if (word(i + 1, "TABLE")) {
                int k = ifExists(i + 2);
                List<String> names = new ArrayList<>();
                while (k < end && isName(k)) {
                    k = qualifiedName(k, names);
                    if (!isPunct(k, ",")) {
                        break;
                    }
                    k++;
                }
                return names.isEmpty() ? null : new SchemaChange.DropTables(names);
            }
            if (word(i + 1, "INDEX")) {
                int k = ifExists(i + 2);
                String index = t.name(k);
                if (!word(k + 1, "ON")) {
                    return null;
                }
                List<String> table = new ArrayList<>();
                qualifiedName(k + 2, table);
                return new SchemaChange.DropIndex(table.get(0), index);
            }
            return null;
        }
        if (word(i, "RENAME") && word(i + 1, "TABLE")) {
            List<String> pairs = new ArrayList<>();
            int k = i + 2;
            while (k < end) {
                k = qualifiedName(k, pairs);
                if (!word(k, "TO")) {
                    return null;
                }
                k = qualifiedName(k + 1, pairs);
                if (!isPunct(k, ",")) {
                    break;
                }
                k++;
            }
            return new SchemaChange.RenameTables(pairs);
        }
        return null;
    }

    private SchemaChange createTable(int i) {
        boolean ifNotExists = word(i, "IF") && word(i + 1, "NOT") && word(i + 2, "EXISTS");
        int k = ifNotExists ? i + 3 : i;
        List<String> name = new ArrayList<>();
        k = qualifiedName(k, name);
        String table = Schema.key(name.get(0));
        if (word(k, "LIKE") || (isPunct(k, "(") && word(k + 1, "LIKE"))) {
            List<String> source = new ArrayList<>();
            qualifiedName(word(k, "LIKE") ? k + 1 : k + 2, source);
            return new SchemaChange.CreateTableFrom(table, source.get(0));
        }
        if (!isPunct(k, "(")) {
            return new SchemaChange.CreateTableFrom(table, null);
        }
        int close = close(k);
        List<Column> columns = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        for (int[] part : parts(k + 1, close)) {
            definition(part[0], part[1], columns, indexes);
        }
        String charset = charsetOption(close + 1, end);
        for (int s = close + 1; s < end; s++) {
            if (word(s, "SELECT") || (word(s, "AS") && word(s + 1, "SELECT"))) {
                // Columns of CREATE TABLE ... SELECT come from the query too: the model cannot know them all.
                return new SchemaChange.CreateTableFrom(table, null);
            }
        }
        // A PRIMARY KEY's columns are NOT NULL whether declared so or not.
        for (Index index : indexes) {
            if (index.kind() == Index.Kind.PRIMARY) {
                columns.replaceAll(c -> index.columns().contains(c.name()) ? c.notNull() : c);
            }
        }
        return new SchemaChange.CreateTable(new Table(table, columns, indexes, charset), ifNotExists);
    }

    /** One comma-separated part of CREATE TABLE's parentheses: a column or a key. */
    private void definition(int from, int to, List<Column> columns, List<Index> indexes) {
        Index index = index(from, to);
        if (index != null) {
            indexes.add(index);
            return;
        }
        if (isKeyword(from)) {
            return; // CHECK, FOREIGN KEY, CONSTRAINT ... CHECK, PERIOD FOR: nothing the model holds
        }
        ColumnDefinition column = column(from, to);
        if (column != null) {
            columns.add(column.column);
            indexes.addAll(column.inlineIndexes);
        }
    }

    private boolean isKeyword(int i) {
        return anyWord(i, "CHECK", "FOREIGN", "CONSTRAINT", "PERIOD", "INDEX", "KEY", "UNIQUE", "PRIMARY", "FULLTEXT", "SPATIAL");
    }

    /** A key definition at {@code from} ({@code [CONSTRAINT [x]] PRIMARY KEY|UNIQUE|INDEX|KEY|FULLTEXT|SPATIAL ...}), or null. */
    private Index index(int from, int to) {
        int i = from;
        if (word(i, "CONSTRAINT")) {
            i = anyWord(i + 1, "PRIMARY", "UNIQUE", "FOREIGN", "CHECK") ? i + 1 : i + 2;
        }
        Index.Kind kind;
        if (word(i, "PRIMARY") && word(i + 1, "KEY")) {
            kind = Index.Kind.PRIMARY;
            i += 2;
        } else if (indexModifier(i) != null) {
            kind = indexModifier(i);
            i++;
        } else if (anyWord(i, "INDEX", "KEY")) {
            kind = Index.Kind.PLAIN;
        } else {
            return null;
        }
        if (anyWord(i, "INDEX", "KEY")) {
            i++;
        }
        if (word(i, "IF") && word(i + 1, "NOT") && word(i + 2, "EXISTS")) {
            i += 3;
        }
        String name = null;
        if (isName(i) && !isPunct(i, "(") && !word(i, "USING")) {
            name = t.name(i);
            i++;
        }
        if (word(i, "USING")) {
            i += 2;
        }
        if (!isPunct(i, "(")) {
            return null;
        }
        return new Index(kind == Index.Kind.PRIMARY ? "primary" : name, keyParts(i, close(i)), kind, prefixed(i, close(i)));
    }

    /** The kind a word before INDEX/KEY gives: UNIQUE, FULLTEXT or SPATIAL; null for any other. */
    private Index.Kind indexModifier(int i) {
        return word(i, "UNIQUE") ? Index.Kind.UNIQUE : word(i, "FULLTEXT") ? Index.Kind.FULLTEXT
                : word(i, "SPATIAL") ? Index.Kind.SPATIAL : null;
    }

    /** The column names of a key's parentheses: {@code (a, b(10), c DESC)} gives a, b, c. */
    private List<String> keyParts(int open, int close) {
        List<String> names = new ArrayList<>();
        for (int[] part : parts(open + 1, close)) {
            if (isName(part[0]) && !isPunct(part[0], "(")) {
                names.add(t.name(part[0]));
            }
        }
        return names;
    }

    /** Whether a part of a key's parentheses indexes a prefix: {@code (a, b(10))}. */
    private boolean prefixed(int open, int close) {
        for (int[] part : parts(open + 1, close)) {
            if (isName(part[0]) && !isPunct(part[0], "(") && isPunct(part[0] + 1, "(")) {
                return true;
            }
        }
        return false;
    }

    private record ColumnDefinition(Column column, List<Index> inlineIndexes, String after, boolean moves) {
    }

    /** {@code name type [attributes]} in [from, to), with inline PRIMARY KEY / UNIQUE turned into indexes. */
    private ColumnDefinition column(int from, int to) {
        if (!isName(from)) {
            return null;
        }
        String name = t.name(from);
        int i = from + 1;
        TypeRead type = type(i, to);
        if (type == null) {
            return null;
        }
        i = type.next;
        boolean nullable = true;
        boolean hasDefault = false;
        boolean autoIncrement = false;
        boolean generated = false;
        String charset = type.type.charset();
        List<Index> inline = new ArrayList<>();
        String after = null;
        boolean moves = false;
        while (i < to) {
            if (isPunct(i, "(")) {
                i = close(i) + 1;
                continue;
            }
            if (word(i, "NOT") && word(i + 1, "NULL")) {
                nullable = false;
                i += 2;
            } else if (word(i, "NULL")) {
                i++;
            } else if (word(i, "DEFAULT")) {
                hasDefault = true;
                i++;
            } else if (word(i, "AUTO_INCREMENT")) {
                autoIncrement = true;
                i++;
            } else if (word(i, "GENERATED") || (word(i, "AS") && isPunct(i + 1, "("))) {
                generated = true;
                i++;
            } else if (word(i, "PRIMARY") && word(i + 1, "KEY")) {
                nullable = false;
                inline.add(new Index("primary", List.of(name), Index.Kind.PRIMARY));
                i += 2;
            } else if (word(i, "UNIQUE")) {
                inline.add(new Index(name, List.of(name), Index.Kind.UNIQUE));
                i += word(i + 1, "KEY") ? 2 : 1;
            } else if (word(i, "KEY")) {
                // A bare KEY in a column definition is PRIMARY KEY.
                nullable = false;
                inline.add(new Index("primary", List.of(name), Index.Kind.PRIMARY));
                i++;
            } else if ((word(i, "CHARACTER") && word(i + 1, "SET")) || word(i, "CHARSET")) {
                int value = word(i, "CHARSET") ? i + 1 : i + 2;
                charset = t.name(value);
                i = value + 1;
            } else if (word(i, "FIRST")) {
                after = "";
                moves = true;
                i++;
            } else if (word(i, "AFTER") && isName(i + 1)) {
                after = t.name(i + 1);
                moves = true;
                i += 2;
            } else {
                i++;
            }
        }
        ColumnType columnType = new ColumnType(type.type.base(), type.type.length(), type.type.scale(), type.type.unsigned(),
                type.type.values(), charset);
        return new ColumnDefinition(new Column(name, columnType, nullable, hasDefault, autoIncrement, generated), inline, after, moves);
    }

    private record TypeRead(ColumnType type, int next) {
    }

    /** A data type at {@code i}: its name, arguments, UNSIGNED/ZEROFILL and CHARACTER SET. */
    private TypeRead type(int i, int to) {
        if (t.kind(i) != SqlTokens.Kind.WORD) {
            return null;
        }
        String base = t.text(i).toUpperCase(Locale.ROOT);
        String charset = null;
        i++;
        if (base.equals("NATIONAL")) {
            charset = "utf8mb3";
            base = t.text(i).toUpperCase(Locale.ROOT);
            i++;
        }
        if (base.equals("NCHAR") || base.equals("NVARCHAR")) {
            charset = "utf8mb3";
            base = base.substring(1);
        }
        if (base.equals("CHARACTER") || base.equals("CHAR")) {
            if (word(i, "VARYING")) {
                base = "VARCHAR";
                i++;
            } else {
                base = "CHAR";
            }
        } else if (base.equals("DOUBLE") && word(i, "PRECISION")) {
            i++;
        } else if (base.equals("LONG")) {
            base = word(i, "VARBINARY") ? "MEDIUMBLOB" : "MEDIUMTEXT";
            if (anyWord(i, "VARCHAR", "VARBINARY")) {
                i++;
            }
        }
        int length = -1;
        int scale = -1;
        List<String> values = new ArrayList<>();
        if (isPunct(i, "(")) {
            int close = close(i);
            for (int[] part : parts(i + 1, close)) {
                SqlTokens.Kind kind = t.kind(part[0]);
                if (kind == SqlTokens.Kind.STRING) {
                    values.add(unquote(t.text(part[0])));
                } else if (kind == SqlTokens.Kind.NUMBER) {
                    if (length < 0) {
                        length = Integer.parseInt(t.text(part[0]));
                    } else {
                        scale = Integer.parseInt(t.text(part[0]));
                    }
                }
            }
            i = close + 1;
        }
        boolean unsigned = false;
        while (i < to) {
            if (anyWord(i, "UNSIGNED", "ZEROFILL")) {
                unsigned = true;
                i++;
            } else if (word(i, "SIGNED")) {
                i++;
            } else if ((word(i, "CHARACTER") && word(i + 1, "SET")) || word(i, "CHARSET")) {
                int value = word(i, "CHARSET") ? i + 1 : i + 2;
                charset = t.name(value);
                i = value + 1;
            } else if (word(i, "BINARY") || word(i, "ASCII") || word(i, "UNICODE") || word(i, "BYTE")) {
                charset = word(i, "ASCII") ? "latin1" : word(i, "UNICODE") ? "ucs2" : charset;
                i++;
            } else {
                break;
            }
        }
        return new TypeRead(new ColumnType(normalise(base, length), integerLength(base, length), scale, unsigned, values,
                charset), i);
    }

    private static String normalise(String base, int length) {
        switch (base) {
            case "INTEGER": return "INT";
            case "INT1": return "TINYINT";
            case "INT2": return "SMALLINT";
            case "INT3": case "MIDDLEINT": return "MEDIUMINT";
            case "INT4": return "INT";
            case "INT8": return "BIGINT";
            case "BOOL": case "BOOLEAN": return "TINYINT";
            case "DEC": case "NUMERIC": case "FIXED": return "DECIMAL";
            case "REAL": return "DOUBLE";
            case "FLOAT4": return "FLOAT";
            case "FLOAT8": return "DOUBLE";
            case "FLOAT": return length > 24 ? "DOUBLE" : "FLOAT";
            default: return base;
        }
    }

    /** Integer display widths ({@code INT(11)}) and FLOAT(p) say nothing about the values held: dropped. */
    private static int integerLength(String base, int length) {
        String normalised = normalise(base, length);
        return TypeFamily.of(normalised) == TypeFamily.INTEGER || TypeFamily.of(normalised) == TypeFamily.FLOAT ? -1 : length;
    }

    private static String unquote(String text) {
        char quote = text.charAt(0);
        StringBuilder value = new StringBuilder();
        for (int k = 1; k < text.length() - 1; k++) {
            char c = text.charAt(k);
            if (c == '\\' && k + 1 < text.length() - 1) {
                value.append(text.charAt(++k));
            } else if (c == quote && text.charAt(k + 1) == quote) {
                value.append(c);
                k++;
            } else {
                value.append(c);
            }
        }
        return value.toString();
    }

    private SchemaChange alterTable(int i) {
        List<String> name = new ArrayList<>();
        int k = qualifiedName(i, name);
        List<AlterOp> ops = new ArrayList<>();
        for (int[] part : parts(k, end)) {
            ops.addAll(alterClause(part[0], part[1]));
        }
        return new SchemaChange.AlterTable(Schema.key(name.get(0)), ops);
    }

    private List<AlterOp> alterClause(int i, int to) {
        if (i >= to) {
            return List.of();
        }
        if (word(i, "ADD")) {
            int k = word(i + 1, "COLUMN") ? i + 2 : i + 1;
            Index index = index(k, to);
            if (index != null) {
                return List.of(new AlterOp.AddIndex(index));
            }
            if (isKeyword(k) || anyWord(k, "PARTITION", "SYSTEM")) {
                return List.of(new AlterOp.Other(words(i, to)));
            }
            k = ifNotExists(k);
            List<AlterOp> ops = new ArrayList<>();
            if (isPunct(k, "(")) {
                for (int[] part : parts(k + 1, close(k))) {
                    ColumnDefinition column = column(part[0], part[1]);
                    if (column != null) {
                        ops.add(new AlterOp.AddColumn(column.column, null));
                    }
                }
                return ops;
            }
            ColumnDefinition column = column(k, to);
            if (column == null) {
                return List.of(new AlterOp.Other(words(i, to)));
            }
            ops.add(new AlterOp.AddColumn(column.column, column.after));
            column.inlineIndexes.forEach(index1 -> ops.add(new AlterOp.AddIndex(index1)));
            return ops;
        }
        if (word(i, "DROP")) {
            if (word(i + 1, "PRIMARY") && word(i + 2, "KEY")) {
                return List.of(new AlterOp.DropPrimaryKey());
            }
            if (anyWord(i + 1, "INDEX", "KEY")) {
                return List.of(new AlterOp.DropIndex(t.name(ifExists(i + 2))));
            }
            if (anyWord(i + 1, "FOREIGN", "PARTITION", "CONSTRAINT", "CHECK", "PERIOD", "SYSTEM")) {
                return List.of(new AlterOp.Other(words(i, to)));
            }
            int k = ifExists(word(i + 1, "COLUMN") ? i + 2 : i + 1);
            return List.of(new AlterOp.DropColumn(t.name(k)));
        }
        if (word(i, "MODIFY") || word(i, "CHANGE")) {
            int k = ifExists(word(i + 1, "COLUMN") ? i + 2 : i + 1);
            String oldName = t.name(k);
            ColumnDefinition column = column(word(i, "CHANGE") ? k + 1 : k, to);
            if (column == null) {
                return List.of(new AlterOp.Other(words(i, to)));
            }
            return List.of(new AlterOp.ModifyColumn(oldName, column.column, column.moves));
        }
        if (word(i, "RENAME")) {
            if (word(i + 1, "COLUMN") && word(i + 3, "TO")) {
                return List.of(new AlterOp.RenameColumn(t.name(i + 2), t.name(i + 4)));
            }
            if (anyWord(i + 1, "INDEX", "KEY") && word(i + 3, "TO")) {
                return List.of(new AlterOp.RenameIndex(t.name(i + 2), t.name(i + 4)));
            }
            List<String> name = new ArrayList<>();
            qualifiedName(anyWord(i + 1, "TO", "AS") ? i + 2 : i + 1, name);
            return List.of(new AlterOp.RenameTo(name.get(0)));
        }
        if (word(i, "ALTER")) {
            int k = word(i + 1, "COLUMN") ? i + 2 : i + 1;
            if (word(k + 1, "SET") && word(k + 2, "DEFAULT")) {
                return List.of(new AlterOp.ColumnDefault(t.name(k), true));
            }
            if (word(k + 1, "DROP") && word(k + 2, "DEFAULT")) {
                return List.of(new AlterOp.ColumnDefault(t.name(k), false));
            }
            return List.of(new AlterOp.Other(words(i, to)));
        }
        if (word(i, "CONVERT") && word(i + 1, "TO")) {
            String charset = charsetOption(i + 2, to);
            return charset == null ? List.of(new AlterOp.Other(words(i, to))) : List.of(new AlterOp.ConvertCharset(charset));
        }
        // Table options, several to a clause: ALGORITHM=INPLACE, LOCK=NONE, ENGINE=InnoDB DEFAULT CHARSET=utf8mb4.
        List<AlterOp> ops = new ArrayList<>();
        for (int k = i; k < to; k++) {
            if (anyWord(k, "ALGORITHM", "LOCK")) {
                int value = isPunct(k + 1, "=") ? k + 2 : k + 1;
                ops.add(new AlterOp.Option(t.text(k).toUpperCase(Locale.ROOT), t.text(value).toUpperCase(Locale.ROOT)));
                k = value;
            } else if ((word(k, "CHARACTER") && word(k + 1, "SET")) || word(k, "CHARSET")) {
                ops.add(new AlterOp.DefaultCharset(charsetOption(k, to)));
                k += word(k, "CHARSET") ? 1 : 2;
            } else if (isPunct(k, "(")) {
                k = close(k);
            } else if (t.kind(k) == SqlTokens.Kind.WORD && !anyWord(k, "DEFAULT", "COLLATE") && !isPunct(k - 1, "=")
                    && (k == i || !anyWord(k - 1, "CHARSET", "SET", "COLLATE"))) {
                ops.add(new AlterOp.Other(t.text(k).toUpperCase(Locale.ROOT)));
            }
        }
        return ops;
    }

    /** The charset named by the first {@code CHARACTER SET x} / {@code CHARSET x} in [from, to), or null. */
    private String charsetOption(int from, int to) {
        for (int k = from; k < to; k++) {
            int value = -1;
            if (word(k, "CHARSET")) {
                value = k + 1;
            } else if (word(k, "CHARACTER") && word(k + 1, "SET")) {
                value = k + 2;
            }
            if (value >= 0) {
                if (isPunct(value, "=")) {
                    value++;
                }
                return value < to ? t.name(value) : null;
            }
        }
        return null;
    }

    /** The words of [from, to) up to the first parenthesis, upper case: a label for an unread clause. */
    private String words(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int k = from; k < to && t.kind(k) == SqlTokens.Kind.WORD && text.length() < 40; k++) {
            text.append(text.length() == 0 ? "" : " ").append(t.text(k).toUpperCase(Locale.ROOT));
        }
        return text.toString();
    }

    private SchemaChange createIndex(int i, Index.Kind kind) {
        int k = ifNotExists(i);
        String name = t.name(k);
        k++;
        if (word(k, "USING")) {
            k += 2;
        }
        if (!word(k, "ON")) {
            return null;
        }
        List<String> table = new ArrayList<>();
        k = qualifiedName(k + 1, table);
        if (!isPunct(k, "(")) {
            return null;
        }
        return new SchemaChange.CreateIndex(Schema.key(table.get(0)), new Index(name, keyParts(k, close(k)), kind, prefixed(k, close(k))));
    }

    /** Reads {@code name} or {@code db.name} at {@code i} into {@code names} (as written, lower case); the index after it. */
    private int qualifiedName(int i, List<String> names) {
        String name = t.name(i);
        if (isPunct(i + 1, ".") && isName(i + 2)) {
            name = name + "." + t.name(i + 2);
            i += 2;
        }
        names.add(name);
        return i + 1;
    }

    /** Splits [from, to) at top-level commas into {start, end} pairs. */
    private List<int[]> parts(int from, int to) {
        List<int[]> parts = new ArrayList<>();
        int start = from;
        for (int k = from; k < to; k++) {
            if (isPunct(k, "(")) {
                k = close(k);
            } else if (isPunct(k, ",")) {
                parts.add(new int[] {start, k});
                start = k + 1;
            }
        }
        if (start < to) {
            parts.add(new int[] {start, to});
        }
        return parts;
    }

    /** The index of the ')' matching the '(' at {@code open}, or the end of the statement. */
    private int close(int open) {
        int depth = 0;
        for (int k = open; k < end; k++) {
            if (isPunct(k, "(")) {
                depth++;
            } else if (isPunct(k, ")") && --depth == 0) {
                return k;
            }
        }
        return end;
    }

    private int ifExists(int i) {
        return word(i, "IF") && word(i + 1, "EXISTS") ? i + 2 : i;
    }

    private int ifNotExists(int i) {
        return word(i, "IF") && word(i + 1, "NOT") && word(i + 2, "EXISTS") ? i + 3 : i;
    }

    private boolean word(int i, String upper) {
        return i < end && t.isWord(i, upper);
    }

    private boolean anyWord(int i, String... uppers) {
        for (String upper : uppers) {
            if (word(i, upper)) {
                return true;
            }
        }
        return false;
    }

    private boolean isPunct(int i, String c) {
        return i >= 0 && i < t.size() && t.kind(i) == SqlTokens.Kind.PUNCTUATION && t.text(i).equals(c);
    }

    private boolean isName(int i) {
        return i < end && (t.kind(i) == SqlTokens.Kind.WORD || t.kind(i) == SqlTokens.Kind.QUOTED_NAME);
    }
}
