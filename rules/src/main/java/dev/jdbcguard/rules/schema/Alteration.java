package dev.jdbcguard.rules.schema;

import java.util.ArrayList;
import java.util.List;

/** Applies one {@link AlterOp} to a known {@link Table}, as the server would. */
final class Alteration {

    private Alteration() {
    }

    static Table apply(Table table, AlterOp op) {
        List<Column> columns = new ArrayList<>(table.columns());
        List<Index> indexes = new ArrayList<>(table.indexes());
        if (op instanceof AlterOp.AddColumn add) {
            columns.removeIf(c -> c.name().equals(add.column().name()));
            columns.add(position(columns, add.after()), add.column());
            return table.withColumns(columns);
        }
        if (op instanceof AlterOp.DropColumn drop) {
            columns.removeIf(c -> c.name().equals(drop.name()));
            // The server drops the column from every index, and an index left without columns with it.
            List<Index> kept = new ArrayList<>();
            for (Index index : indexes) {
                List<String> rest = index.columns().stream().filter(c -> !c.equals(drop.name())).toList();
                if (!rest.isEmpty()) {
                    kept.add(new Index(index.name(), rest, index.kind(), index.partial()));
                }
            }
            return new Table(table.name(), columns, kept, table.charset());
        }
        if (op instanceof AlterOp.ModifyColumn modify) {
            int at = indexOf(columns, modify.oldName());
            if (at < 0) {
                return table;
            }
            boolean inPrimaryKey = indexes.stream().anyMatch(i -> i.kind() == Index.Kind.PRIMARY && i.columns().contains(modify.oldName()));
            // A PRIMARY KEY column stays NOT NULL whatever the new definition says.
            columns.set(at, inPrimaryKey ? modify.column().notNull() : modify.column());
            List<Index> renamed = indexes.stream().map(i -> i.renameColumn(modify.oldName(), modify.column().name())).toList();
            return new Table(table.name(), columns, renamed, table.charset());
        }
        if (op instanceof AlterOp.RenameColumn rename) {
            int at = indexOf(columns, rename.from());
            if (at < 0) {
                return table;
            }
            columns.set(at, columns.get(at).renamed(rename.to()));
            List<Index> renamed = indexes.stream().map(i -> i.renameColumn(rename.from(), rename.to())).toList();
            return new Table(table.name(), columns, renamed, table.charset());
        }
        if (op instanceof AlterOp.ColumnDefault change) {
            int at = indexOf(columns, change.column());
            if (at >= 0) {
                columns.set(at, columns.get(at).withDefault(change.hasDefault()));
            }
            return table.withColumns(columns);
        }
        if (op instanceof AlterOp.AddIndex add) {
            if (add.index().kind() == Index.Kind.PRIMARY) {
                // PRIMARY KEY columns become NOT NULL.
                for (int i = 0; i < columns.size(); i++) {
                    if (add.index().columns().contains(columns.get(i).name())) {
                        columns.set(i, columns.get(i).notNull());
                    }
                }
            }
            indexes.add(add.index());
            return new Table(table.name(), columns, indexes, table.charset());
        }
        if (op instanceof AlterOp.DropIndex drop) {
            indexes.removeIf(i -> drop.name().equals(i.name()));
            return table.withIndexes(indexes);
        }
        if (op instanceof AlterOp.DropPrimaryKey drop) {
            indexes.removeIf(i -> i.kind() == Index.Kind.PRIMARY);
            return table.withIndexes(indexes);
        }
        if (op instanceof AlterOp.RenameIndex rename) {
            indexes.replaceAll(i -> rename.from().equals(i.name()) ? new Index(rename.to(), i.columns(), i.kind(), i.partial()) : i);
            return table.withIndexes(indexes);
        }
        if (op instanceof AlterOp.ConvertCharset convert) {
            return table.converted(convert.charset());
        }
        if (op instanceof AlterOp.DefaultCharset charset) {
            return table.withCharset(charset.charset());
        }
        if (op instanceof AlterOp.RenameTo rename) {
            return table.withName(Schema.key(rename.name()));
        }
        return table;
    }

    private static int position(List<Column> columns, String after) {
        if (after == null) {
            return columns.size();
        }
        if (after.isEmpty()) {
            return 0;
        }
        int at = indexOf(columns, after);
        return at < 0 ? columns.size() : at + 1;
    }

    static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
