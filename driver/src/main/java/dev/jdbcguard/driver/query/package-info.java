/**
 * The query checks as the driver runs them: {@link dev.jdbcguard.driver.query.QueryChecks} is the
 * {@link dev.jdbcguard.driver.hook.ConnectionHookFactory} of a guard (one EXPLAIN service per target,
 * settings read once per rule set), {@link dev.jdbcguard.driver.query.QueryCheckHook} the hook of one
 * connection: the {@link dev.jdbcguard.driver.warnings.FindingSink} that findings of
 * {@code dev.jdbcguard.driver.plan} and of the threshold rules below go through, tagged with
 * the stage that decides whether a {@code block} can still stop the statement, to the engine's
 * {@link dev.jdbcguard.driver.warnings.Funnel}.
 *
 * <p>The threshold rules of one connection, checked by {@link dev.jdbcguard.driver.query.RuntimeChecks}
 * without allocating unless a rule fires; each fires once per occurrence.
 *
 * <ul>
 *   <li>{@code query.slow}: an execution longer than {@code threshold} (time in the target driver).
 *       <pre>[jdbc-guard] query.slow WARN: query took 212 ms (threshold 100 ms) — a slow statement holds its connection and its locks while requests queue behind it. Fix: run EXPLAIN on it and add an index or narrow the query; raise query.slow's threshold if this one is expected. fingerprint="select sleep (?)"</pre></li>
 *   <li>{@code query.large-result}: more than {@code max-rows} rows read from one result set,
 *       reported as the count crosses the limit (a block stops the reading there).
 *       <pre>[jdbc-guard] query.large-result WARN: read more than 500 rows from one result set — a large result is held in memory on both sides, and PlanetScale refuses results over 100,000 rows. Fix: page through it with a keyset (WHERE id &gt; ? ORDER BY id LIMIT n) or aggregate in SQL. fingerprint="..."</pre></li>
 *   <li>{@code query.n-plus-one}: one fingerprint executed more than {@code max-repeats} times in
 *       one transaction, or within {@code window} on one connection in autocommit mode; counted by
 *       a per-connection open-addressing table keyed by the cached fingerprint.
 *       <pre>[jdbc-guard] query.n-plus-one WARN: the same statement ran 11 times in one transaction (threshold 10) — one round trip per row (N+1) makes latency grow with the data. Fix: load the rows in one query (a JOIN or WHERE id IN (...)), or use your ORM's batch or join fetching. fingerprint="select status from orders where id = ?"</pre></li>
 *   <li>{@code tx.long}: a transaction open longer than {@code threshold}, from its first statement;
 *       checked at each statement of the open transaction (a block refuses that statement) and at
 *       commit or rollback (a warning: it has ended), and by the guard's once-a-second sweep while
 *       no statement runs (a warning naming where the thread that began it is now, e.g. {@code ...;
 *       the thread that began it, worker-3, is at com.acme.Client.call(Client.java:88)}). PlanetScale
 *       kills transactions at 20 s.
 *       <pre>[jdbc-guard] tx.long WARN: transaction still open after 169 ms (threshold 100 ms) — a long transaction holds row locks and blocks schema changes, and PlanetScale kills transactions after 20 s. Fix: keep transactions short: do slow work (remote calls, file I/O) before or after them and commit large jobs in batches.</pre></li>
 * </ul>
 * Statements of {@code Statement.executeBatch} are not timed or counted one by one.
 */
package dev.jdbcguard.driver.query;
