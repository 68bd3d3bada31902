package dev.jdbcguard.rules.schema;

import java.util.List;

/** What one DDL statement does to the {@link Schema}, as {@link DdlReader} read it. */
public sealed interface SchemaChange {

    /** The table the statement is about (for a multi-table DROP or RENAME, the first). */
    String table();

    /** The schema after this change. */
    Schema applyTo(Schema schema);

    /** {@code CREATE TABLE name (...)} with every column and index. */
    record CreateTable(Table definition, boolean ifNotExists) implements SchemaChange {
        @Override
        public String table() {
            return definition.name();
        }

        @Override
        public Schema applyTo(Schema schema) {
            return ifNotExists && schema.table(definition.name()) != null ? schema : schema.with(definition);
        }
    }

    /**
     * {@code CREATE TABLE name LIKE source}, or {@code CREATE TABLE ... AS SELECT} / anything whose columns the
     * statement does not spell out ({@code source} null): the table is a copy of {@code source}, or unknown.
     */
    record CreateTableFrom(String table, String source) implements SchemaChange {
        @Override
        public Schema applyTo(Schema schema) {
            Table copied = source == null ? null : schema.table(source);
            return copied == null ? schema.without(table) : schema.with(copied.withName(Schema.key(table)));
        }
    }

    /** {@code DROP TABLE a, b}. */
    record DropTables(List<String> tables) implements SchemaChange {
        public DropTables {
            tables = List.copyOf(tables);
        }

        @Override
        public String table() {
            return tables.get(0);
        }

        @Override
        public Schema applyTo(Schema schema) {
            Schema after = schema;
            for (String name : tables) {
                after = after.without(name);
            }
            return after;
        }
    }

    /** {@code RENAME TABLE a TO b, c TO d}: pairs in order, {@code from} then {@code to}. */
    record RenameTables(List<String> pairs) implements SchemaChange {
        public RenameTables {
            pairs = List.copyOf(pairs);
        }

        @Override
        public String table() {
            return pairs.get(0);
        }

        @Override
        public Schema applyTo(Schema schema) {
            Schema after = schema;
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                after = rename(after, pairs.get(i), pairs.get(i + 1));
            }
            return after;
        }
    }

    /** {@code ALTER TABLE name op, op, ...}. */
    record AlterTable(String table, List<AlterOp> ops) implements SchemaChange {
        public AlterTable {
            ops = List.copyOf(ops);
        }

        @Override
        public Schema applyTo(Schema schema) {
            Table current = schema.table(table);
            if (current == null) {
                // Unknown stays unknown; a rename of it makes the new name unknown too.
                return schema;
            }
            String renamedTo = null;
            for (AlterOp op : ops) {
                if (op instanceof AlterOp.RenameTo rename) {
                    renamedTo = rename.name();
                } else {
                    current = Alteration.apply(current, op);
                }
            }
            return renamedTo == null ? schema.with(current)
                    : schema.without(table).with(current.withName(Schema.key(renamedTo)));
        }
    }

    /** {@code CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name ON table (...)}. */
    record CreateIndex(String table, Index index) implements SchemaChange {
        @Override
        public Schema applyTo(Schema schema) {
            Table current = schema.table(table);
            return current == null ? schema : schema.with(Alteration.apply(current, new AlterOp.AddIndex(index)));
        }
    }

    /** {@code DROP INDEX name ON table}. */
    record DropIndex(String table, String index) implements SchemaChange {
        @Override
        public Schema applyTo(Schema schema) {
            Table current = schema.table(table);
            AlterOp op = index.equals("primary") ? new AlterOp.DropPrimaryKey() : new AlterOp.DropIndex(index);
            return current == null ? schema : schema.with(Alteration.apply(current, op));
        }
    }

    private static Schema rename(Schema schema, String from, String to) {
        Table table = schema.table(from);
        return table == null ? schema.without(to) : schema.without(from).with(table.withName(Schema.key(to)));
    }
}
