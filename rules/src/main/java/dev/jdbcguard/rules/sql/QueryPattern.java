package dev.jdbcguard.rules.sql;

/** Query shapes that review tools flag as slow, non-deterministic or fragile; each a statement rule. */
public enum QueryPattern {
    /** {@code LIKE '%x'} (or {@code '_x'}, {@code CONCAT('%', ?)}): no index can serve a pattern that starts with a wildcard. */
    LEADING_WILDCARD,
    /** A function or arithmetic on a column in a statement-level WHERE comparison: {@code DATE(c) = ?}, {@code c + 1 > ?}. */
    FUNCTION_ON_COLUMN,
    /** {@code ORDER BY RAND()}: sorts the whole result to pick rows. */
    ORDER_BY_RAND,
    /** {@code INSERT}/{@code REPLACE} with VALUES or a query but no column list. */
    INSERT_WITHOUT_COLUMNS,
    /** {@code UPDATE}/{@code DELETE} with a LIMIT and no ORDER BY: which rows change is up to the server. */
    LIMIT_WITHOUT_ORDER,
    /** A statement-level WHERE that is always true ({@code 1=1}, {@code TRUE}, {@code 'a'='a'}, {@code c = c}, {@code ... OR 1=1}). */
    ALWAYS_TRUE_WHERE
}
