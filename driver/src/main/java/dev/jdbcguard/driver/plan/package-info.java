/**
 * Unindexed queries: {@code query.unindexed} (full table or full index scans) and
 * {@code query.bad-index} ("range checked for each record"), one rule pair with two detectors
 * chosen by the {@code detect} parameter.
 *
 * <h2>Detectors</h2>
 * <ul>
 *   <li>{@code flags}: the server's status flags of each execution, delivered by the Connector/J
 *       interceptor with no extra round trip. MySQL raises "no index used" only for a full table
 *       scan ({@code type=ALL}), never for a full index scan ({@code type=index}); MariaDB raises it
 *       for both; MySQL's hypergraph optimizer can raise it for plans it did not pick; PlanetScale's
 *       vtgate may not forward it; with streaming results it arrives late; MariaDB Connector/J does
 *       not expose it. Only the flags of SELECT, INSERT, UPDATE, DELETE and REPLACE count: MariaDB
 *       also raises them for SHOW, which reads the server's own lists. The flag names no table and
 *       no row count, so {@code min-rows} cannot exempt a flag, only {@code ignore-tables} (when
 *       every table of the statement is listed).</li>
 *   <li>{@code explain}: the first time a fingerprint is seen, {@link dev.jdbcguard.driver.plan.ExplainService}
 *       runs a tabular {@code EXPLAIN} of it on the guard's own connection (autocommit, never a
 *       user's connection, not counted by {@code conn.cap}), on one background thread fed by a
 *       bounded queue, and caches the verdict (Caffeine, bounded). Only one SELECT, UPDATE,
 *       DELETE, REPLACE or INSERT ... SELECT that names a table is explained. Statements with
 *       {@code ?} placeholders are explained with the values bound at the execution that first asks,
 *       read without a round trip from Connector/J's or MariaDB Connector/J's statement; with other
 *       drivers they are left to the flags. The EXPLAIN uses the catalog the
 *       user's connection reports ({@code getCatalog()}); temporary tables of the user's session are
 *       invisible to it (the EXPLAIN is refused and the flags remain).</li>
 *   <li>{@code auto} (default): both; see {@link dev.jdbcguard.driver.plan.UnindexedDetector}.</li>
 * </ul>
 *
 * <h2>What the user reads</h2>
 * From a plan:
 * <pre>
 * [jdbc-guard] query.unindexed WARN: full table scan on qc_orders (EXPLAIN: ~2000 rows examined, Using where) — a scan reads every row, so it slows down as the table grows, and in UPDATE/DELETE it locks the rows it reads. Fix: consider an index on qc_orders(status, note). fingerprint="select id from qc_orders where status = ? and note = ?"
 * </pre>
 * The suggested columns are those the WHERE and ON clauses compare with {@code =}, {@code <=>} or
 * {@code IN} (first), then the first compared with a range operator; when none can be read the fix
 * names the table: "add an index on the columns orders is filtered or joined on ...". From a flag:
 * {@code the server reports that it used no index (tables: orders)}.
 *
 * <h2>What block means</h2>
 * With a plan (explain, auto), before execution: nothing reaches the server; the first execution
 * of a new fingerprint waits up to two seconds for its plan. With flags only, after execution:
 * the statement has run; the guard can only fail the call, which is what a test suite that
 * "fails on any full scan" wants. An execution that failed on the server keeps its own exception:
 * the finding is then only a warning.
 */
package dev.jdbcguard.driver.plan;
