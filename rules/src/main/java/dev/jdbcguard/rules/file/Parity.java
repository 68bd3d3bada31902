package dev.jdbcguard.rules.file;

import static dev.jdbcguard.rules.RuleCatalog.*;

import java.util.List;

/**
 * The parity table of the rule reference: each PlanetScale deploy-request schema lint error and each of Bytebase's
 * MySQL SQL-review rules that matters in production, with the guard's rules that catch the same mistake, or why
 * none does. Rules are named by their catalog ids, so the table cannot name a rule the guard does not have.
 *
 * <p>Sources, as read on 2026-12-02: PlanetScale's "Schema lint errors" reference
 * (planetscale.com/docs/vitess/schema-changes/schema-lint-errors and its page per error); Bytebase's production
 * review template ({@code backend/plugin/advisor/config/sql-review.prod.yaml} in bytebase/bytebase, its rules with a
 * MySQL advisor in {@code backend/plugin/advisor/mysql}) and its rule list (docs.bytebase.com/sql-review/review-rules).
 */
final class Parity {

    /**
     * One peer check.
     *
     * @param check the peer's error code or rule id(s)
     * @param rules the guard's rules that catch it; empty when none does
     * @param how   what the guard does, or why it does not (starting "Not" when {@code rules} is empty)
     */
    record Row(String check, List<String> rules, String how) {
        Row {
            rules = List.copyOf(rules);
        }
    }

    static final List<Row> PLANETSCALE = List.of(
            new Row("`NO_UNIQUE_KEY`", List.of(DDL_NO_PRIMARY_KEY),
                    "A `CREATE TABLE` without a primary key or NOT NULL unique key over whole values, or an ALTER that drops the"
                            + " last one (planetscale: block). Not checked: that the old and the new schema share such a key's columns."),
            new Row("`BLOB_IN_UNIQUE_KEY`, `PARTIAL_KEY_IN_UNIQUE_KEY`", List.of(DDL_NO_PRIMARY_KEY),
                    "A key on a TEXT/BLOB column or a column prefix does not count as the row key."),
            new Row("`FOREIGN_KEYS_DISALLOWED`", List.of(PLANETSCALE_FOREIGN_KEY, DDL_ADD_FOREIGN_KEY),
                    "Every foreign key in `CREATE TABLE` or `ALTER TABLE` (planetscale: warn, as foreign keys can be enabled)."),
            new Row("`FOREIGN_KEYS_CIRCULAR_DEPENDENCY`, `FOREIGN_KEYS_NONEXISTENT_TABLE`, `FOREIGN_KEYS_REFERENCED_VIEW`,"
                    + " `FOREIGN_KEYS_UNRESOLVED`", List.of(PLANETSCALE_FOREIGN_KEY),
                    "Warns on every foreign key; the dependency checks are not made, because the schema model holds no foreign keys."),
            new Row("`INVALID_CHARSET`", List.of(DDL_CHARSET_CHANGE),
                    "Partly: a change of a table's or column's character set is reported; a `CREATE TABLE` in `utf16` is not,"
                            + " because no rule keeps a list of allowed character sets."),
            new Row("`DUPLICATE_ENUM_VALUE`", List.of(),
                    "Not covered: the server itself refuses an ENUM with a repeated value in strict SQL mode, the default"
                            + " (error 1291; seen on MariaDB 10.11)."),
            new Row("`UNSUPPORTED_FEATURE`", List.of(PLANETSCALE_UNSUPPORTED_SYNTAX, DDL_OTHER),
                    "Partly: `JSON_TABLE` and the other syntax Vitess does not run; `ALTER TABLE ... ENGINE=` is `ddl.other`."
                            + " Not covered: a non-InnoDB `ENGINE` in `CREATE TABLE`, and the column, table and constraint-name limits,"
                            + " which need the whole schema."),
            new Row("`UNSUPPORTED_PARTITIONING_FEATURE`", List.of(DDL_OTHER),
                    "Partly: an ALTER that partitions or repartitions is `ddl.other`; `CREATE TABLE ... PARTITION BY LIST` is not"
                            + " told from the supported types."),
            new Row("`UNSUPPORTED_SHARDED_FEATURE`", List.of(),
                    "Not covered: whether a keyspace is sharded is in its VSchema, which the guard does not see (a view in"
                            + " production is `ddl.other` all the same)."),
            new Row("`INVALID_TABLE_REFERENCED_IN_VIEW`, `INVALID_COLUMN_REFERENCED_IN_VIEW`", List.of(),
                    "Not covered: the schema model holds tables, not views."),
            new Row("`INVALID_VSCHEMA`, `INVALID_ROUTING_RULES`", List.of(),
                    "Not covered: VSchema and routing rules are Vitess configuration, not SQL the guard is given."),
            new Row("`UNSPECIFIED`", List.of(),
                    "Not covered: PlanetScale's fallback for a failure without a code of its own; only its message says what failed."));

    static final List<Row> BYTEBASE = List.of(
            new Row("`table.require-pk`", List.of(DDL_NO_PRIMARY_KEY),
                    "Also counts a NOT NULL unique key over whole values, as InnoDB and online schema change tools do."),
            new Row("`table.no-duplicate-index`", List.of(DDL_DUPLICATE_INDEX),
                    "Also a redundant index (a leftmost prefix of another, or a plain index beside a unique one on the same columns)."),
            new Row("`schema.backward-compatibility`", List.of(DDL_DROP_TABLE, DDL_DROP_COLUMN, DDL_RENAME_TABLE, DDL_RENAME_COLUMN,
                    DDL_MODIFY_COLUMN, DDL_ADD_UNIQUE_INDEX, DDL_ADD_FOREIGN_KEY),
                    "One rule per kind of incompatible change, production blocks each; migration warns on the drops, renames and"
                            + " type changes (expand/contract in the fix)."),
            new Row("`column.disallow-change-type`", List.of(DDL_LOSSY_TYPE_CHANGE, DDL_ENUM_CHANGE, DDL_MODIFY_COLUMN),
                    "Against the schema model: a lossy change or an ENUM/SET change is reported, a widening (INT to BIGINT) passes,"
                            + " a change it cannot judge keeps `ddl.modify-column`."),
            new Row("`column.set-default-for-not-null`, `column.require-default`", List.of(DDL_NOT_NULL_WITHOUT_DEFAULT),
                    "Where it fails or fills in values: `ADD COLUMN ... NOT NULL` without `DEFAULT`, and NULL to NOT NULL. A new"
                            + " table's columns are not reported: it has no rows."),
            new Row("`column.disallow-drop`, `column.disallow-drop-in-index`", List.of(DDL_DROP_COLUMN),
                    "Every `DROP COLUMN`, in an index or not."),
            new Row("`column.disallow-change`", List.of(DDL_RENAME_COLUMN, DDL_MODIFY_COLUMN),
                    "`CHANGE` is judged by what it does: a rename, a type change, or both."),
            new Row("`column.disallow-changing-order`", List.of(),
                    "Not covered as a rule: a `FIRST`/`AFTER` move gets its cost in the ALTER's algorithm note (INPLACE on MySQL)."),
            new Row("`table.disallow-set-charset`, `column.disallow-set-charset`, `system.charset.allowlist`,"
                    + " `system.collation.allowlist`", List.of(DDL_CHARSET_CHANGE),
                    "Partly: a change of character set is reported (with the columns it converts); no allow-list of character"
                            + " sets or collations."),
            new Row("`database.drop-empty-database`", List.of(DDL_DROP_DATABASE),
                    "Every `DROP DATABASE`, empty or not (block in every profile but development)."),
            new Row("`statement.where.require`", List.of(DML_NO_WHERE, QUERY_ALWAYS_TRUE_WHERE),
                    "`UPDATE`/`DELETE` without `WHERE`, and a `WHERE 1=1` that only looks like one. A `SELECT` without `WHERE`"
                            + " is judged at run time by `query.unindexed` and `query.large-result`."),
            new Row("`statement.where.no-leading-wildcard-like`", List.of(QUERY_LEADING_WILDCARD), "`LIKE '%x'`."),
            new Row("`statement.where.disallow-using-function`", List.of(QUERY_FUNCTION_ON_COLUMN),
                    "A function or arithmetic on a column in `WHERE`."),
            new Row("`statement.insert.must-specify-column`", List.of(DML_INSERT_WITHOUT_COLUMNS), "`INSERT` without a column list."),
            new Row("`statement.insert.disallow-order-by-rand`", List.of(QUERY_ORDER_BY_RAND), "`ORDER BY RAND()` in any statement."),
            new Row("`statement.disallow-limit`", List.of(DML_LIMIT_WITHOUT_ORDER),
                    "Partly: `UPDATE`/`DELETE ... LIMIT` without `ORDER BY` (which rows it changes is arbitrary); with"
                            + " `ORDER BY` it passes."),
            new Row("`statement.disallow-order-by`", List.of(),
                    "Not covered, on purpose: in `UPDATE`/`DELETE` the `ORDER BY` is what makes a `LIMIT` deterministic."),
            new Row("`statement.select.no-select-all`", List.of(QUERY_SELECT_STAR), "Off by default in every profile."),
            new Row("`statement.select-full-table-scan`, `statement.query.minimum-plan-level`", List.of(QUERY_UNINDEXED, QUERY_BAD_INDEX),
                    "At run time, from the statement's EXPLAIN on the guard's own connection or the server's status flags."),
            new Row("`statement.affected-row-limit`, `statement.insert.row-limit`", List.of(QUERY_LARGE_RESULT),
                    "Partly: rows read at run time; the rows an `UPDATE`/`DELETE` changes are not estimated before it runs."),
            new Row("`statement.dml-dry-run`", List.of(),
                    "Not covered: `lint` has no database; the driver judges each statement before the server runs it and EXPLAINs"
                            + " it, which is the dry run that matters for a plan."),
            new Row("`statement.disallow-using-filesort`, `statement.disallow-using-temporary`", List.of(),
                    "Not covered: the EXPLAIN is read for the access type and rows, not for a sort or temporary table."),
            new Row("`statement.require-algorithm-or-lock-option`", List.of(),
                    "Not a rule, a note: every ALTER finding says whether the target server runs it INSTANT, INPLACE or COPY"
                            + " and the `ALGORITHM=`/`LOCK=` clause to state."),
            new Row("`advice.online-migration`", List.of(),
                    "Not a rule, a note: an ALTER that copies the table or blocks writes names gh-ost, pt-online-schema-change or a PlanetScale deploy"
                            + " request in its algorithm note."),
            new Row("`engine.mysql.use-innodb`", List.of(DDL_OTHER),
                    "Partly: `ALTER TABLE ... ENGINE=` is `ddl.other`; the `ENGINE` of a `CREATE TABLE` is not read."),
            new Row("`table.disallow-partition`", List.of(DDL_OTHER),
                    "Partly: an ALTER that partitions is `ddl.other`; `CREATE TABLE ... PARTITION BY` is not reported."),
            new Row("`table.disallow-trigger`, `system.procedure.disallow-create`, `system.function.disallow-create`,"
                    + " `system.event.disallow-create`, `system.view.disallow-create`", List.of(DDL_OTHER, PLANETSCALE_STORED_ROUTINE),
                    "Production blocks them like any DDL outside the migration profile; the planetscale profile blocks routines,"
                            + " triggers and events in every statement (PlanetScale does not run them)."),
            new Row("`table.no-foreign-key`", List.of(DDL_ADD_FOREIGN_KEY, PLANETSCALE_FOREIGN_KEY),
                    "`ADD FOREIGN KEY` (production blocks it); under planetscale every foreign key warns."),
            new Row("`table.disallow-ddl`, `table.disallow-dml`", List.of(),
                    "Not a rule of its own: a rule file's `tables:` section sets any rule's action for one table."),
            new Row("`table.drop-naming-convention`", List.of(DDL_DROP_TABLE),
                    "Every `DROP TABLE` is blocked in production and warns in migration; there is no rename-before-drop convention."),
            new Row("`statement.disallow-commit`, `statement.disallow-mix-ddl-dml`, `statement.merge-alter-table`,"
                    + " `statement.maximum-statements-in-transaction`", List.of(),
                    "Not covered: they judge a script as a whole, and the guard judges each statement on its own (its transactions"
                            + " by time: `tx.long`)."),
            new Row("`statement.where.no-equal-null`", List.of(), "Not covered: `= NULL` (never true) has no rule yet."),
            new Row("`statement.disallow-on-del-cascade`", List.of(), "Not covered: a foreign key's actions are not read."),
            new Row("`index.no-duplicate-column`", List.of(),
                    "Not covered: the server refuses a key that names a column twice (error 1060; seen on MariaDB 10.11)."),
            new Row("`index.type-no-blob`", List.of(DDL_NO_PRIMARY_KEY),
                    "Partly: a TEXT/BLOB row key is reported; a secondary index on a TEXT/BLOB prefix is not."),
            new Row("`naming.*`, `table.comment`, `column.comment`, `column.required`, `column.type-disallow-list`,"
                    + " `column.no-null`, `column.maximum-*-length`, `column.auto-increment-*`, `index.*-limit`,"
                    + " `index.primary-key-type-allowlist`, `statement.maximum-*`, `statement.where.maximum-logical-operator-count`",
                    List.of(),
                    "Not covered: team conventions (names, comments, required columns, type and size limits), not mistakes that"
                            + " break production; `query.slow` and `query.large-result` judge what a statement costs."));

    private Parity() {
    }

    /** Every row of both tables. */
    static List<Row> rows() {
        return java.util.stream.Stream.concat(PLANETSCALE.stream(), BYTEBASE.stream()).toList();
    }

    /** The section of the reference. */
    static String markdown() {
        StringBuilder md = new StringBuilder("""
                ## Parity with PlanetScale and Bytebase

                What PlanetScale's deploy requests refuse (its schema lint errors, as listed in its documentation) and
                what Bytebase's SQL review checks for MySQL in its production template, next to the guard's rules. The
                guard judges each statement before it runs, at run time too, and against the schema model (`lint`'s
                replay); checks that need the whole schema, the script as a unit or a team's conventions are listed with
                the reason they are not covered.

                """);
        table(md, "PlanetScale lint error", PLANETSCALE);
        md.append('\n');
        table(md, "Bytebase rule (MySQL)", BYTEBASE);
        return md.toString();
    }

    private static void table(StringBuilder md, String heading, List<Row> rows) {
        md.append("| ").append(heading).append(" | guard rules | how |\n| --- | --- | --- |\n");
        for (Row row : rows) {
            md.append("| ").append(row.check()).append(" | ");
            if (row.rules().isEmpty()) {
                md.append("(none)");
            } else {
                for (int i = 0; i < row.rules().size(); i++) {
                    String id = row.rules().get(i);
                    md.append(i == 0 ? "" : ", ").append("[`").append(id).append("`](#").append(id.replace(".", "")).append(')');
                }
            }
            md.append(" | ").append(row.how()).append(" |\n");
        }
    }
}
