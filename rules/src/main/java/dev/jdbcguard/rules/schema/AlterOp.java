package dev.jdbcguard.rules.schema;

/** One clause of an {@code ALTER TABLE}, as {@link DdlReader} read it. */
public sealed interface AlterOp {

    /**
     * {@code ADD [COLUMN]}.
     *
     * @param after where: null at the end, {@code ""} FIRST, else AFTER that column
     */
    record AddColumn(Column column, String after) implements AlterOp {
    }

    /** {@code DROP [COLUMN]}. */
    record DropColumn(String name) implements AlterOp {
    }

    /**
     * {@code MODIFY} (same name) or {@code CHANGE old new} (maybe renamed): a new definition for a column.
     *
     * @param oldName the column it redefines
     * @param moves   FIRST or AFTER was given: the column changes position
     */
    record ModifyColumn(String oldName, Column column, boolean moves) implements AlterOp {
    }

    /** {@code RENAME COLUMN a TO b}. */
    record RenameColumn(String from, String to) implements AlterOp {
    }

    /** {@code ALTER [COLUMN] c SET DEFAULT ... | DROP DEFAULT}. */
    record ColumnDefault(String column, boolean hasDefault) implements AlterOp {
    }

    /** {@code ADD PRIMARY KEY / UNIQUE / INDEX / KEY / FULLTEXT / SPATIAL}. */
    record AddIndex(Index index) implements AlterOp {
    }

    /** {@code DROP INDEX/KEY name}. */
    record DropIndex(String name) implements AlterOp {
    }

    /** {@code DROP PRIMARY KEY}. */
    record DropPrimaryKey() implements AlterOp {
    }

    /** {@code RENAME INDEX/KEY a TO b}. */
    record RenameIndex(String from, String to) implements AlterOp {
    }

    /** {@code CONVERT TO CHARACTER SET cs}: every text column is converted. */
    record ConvertCharset(String charset) implements AlterOp {
    }

    /** {@code [DEFAULT] CHARACTER SET [=] cs} / {@code COLLATE}: the default for columns added later. */
    record DefaultCharset(String charset) implements AlterOp {
    }

    /** {@code RENAME [TO|AS] name}. */
    record RenameTo(String name) implements AlterOp {
    }

    /** {@code ALGORITHM=...} / {@code LOCK=...} written by the author. */
    record Option(String name, String value) implements AlterOp {
    }

    /**
     * Any other clause (ENGINE=, FORCE, partitioning, ADD FOREIGN KEY, CHECK constraints, ...).
     *
     * @param clause its words up to the first parenthesis, upper case, e.g. {@code ENGINE}, {@code ADD FOREIGN KEY}
     */
    record Other(String clause) implements AlterOp {
    }
}
