package dev.jdbcguard.rules.sql;

import java.util.List;

/**
 * What the classifier read from one statement of a (possibly multi-statement) SQL string.
 *
 * @param kind          what the statement does; {@link StatementKind#UNPARSEABLE} when it could not be read
 * @param ddlOperations each ALTER TABLE clause, or the index operation of CREATE/DROP INDEX, or foreign
 *                      keys and partitioning of CREATE TABLE; empty for other kinds
 * @param tables        tables the statement names, unquoted, lower-case, {@code db.table} kept qualified,
 *                      without duplicates, in order of appearance (CTE names excluded)
 * @param hasWhere      a WHERE at the statement's own level (one inside a subquery does not count)
 * @param hasLimit      a LIMIT at the statement's own level
 * @param selectStar    a bare {@code *} or {@code t.*} in a top-level select list (not {@code COUNT(*)},
 *                      not inside a subquery); also the {@code TABLE t} statement
 * @param intoOutfile   {@code SELECT ... INTO OUTFILE} or {@code INTO DUMPFILE}
 * @param constructs    constructs some servers refuse ({@link SqlConstruct}), each once, in order of appearance
 * @param fingerprint   the statement with literals replaced by {@code ?}, see {@link Fingerprinter}
 * @param startOffset   char offset in the input of the statement's first token
 * @param patterns      slow, non-deterministic or fragile query shapes ({@link QueryPattern}), each once
 * @param ifExists      a DDL statement's {@code IF EXISTS} / {@code IF NOT EXISTS} on its object
 */
public record StatementInfo(
        StatementKind kind,
        List<DdlOperation> ddlOperations,
        List<String> tables,
        boolean hasWhere,
        boolean hasLimit,
        boolean selectStar,
        boolean intoOutfile,
        List<SqlConstruct> constructs,
        String fingerprint,
        int startOffset,
        List<QueryPattern> patterns,
        boolean ifExists) {

    public StatementInfo {
        patterns = List.copyOf(patterns);
        ddlOperations = List.copyOf(ddlOperations);
        tables = List.copyOf(tables);
        constructs = List.copyOf(constructs);
    }

    /**
     * True when this statement, {@code DROP TABLE IF EXISTS x} of one table, is directly followed by {@code next},
     * {@code CREATE TABLE x}: an install script or dump that replaces the table, not the drop of a table that
     * running code still uses.
     */
    public boolean recreatedBy(StatementInfo next) {
        return kind == StatementKind.DROP_TABLE && ifExists && tables.size() == 1 && next != null
                && next.kind == StatementKind.CREATE_TABLE && !next.tables.isEmpty()
                && next.tables.get(0).equals(tables.get(0));
    }
}
