package dev.jdbcguard.driver.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jdbcguard.driver.hook.ConnectRequest;
import dev.jdbcguard.driver.hook.ConnectionHook;
import dev.jdbcguard.driver.hook.SqlSource;
import dev.jdbcguard.driver.hook.WarningSink;
import dev.jdbcguard.driver.query.QueryTables;
import dev.jdbcguard.driver.url.GuardUrl;
import dev.jdbcguard.testdb.TestDatabase;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A regression guard for the engine hook's promise (JMH with the GC profiler is the measurement): a
 * clean statement seen before costs no allocation on the hook's path (judge hit, query checks, EXPLAIN
 * verdict lookup, timings), counted by the JVM's per-thread allocation counter, not timed. The hook
 * is driven the way the proxies drive it, on a real connection.
 */
@Tag("allocation")
class CleanStatementAllocationTest extends QueryTables {

    CleanStatementAllocationTest(TestDatabase db) {
        super(db);
    }

    @Test
    void aCleanStatementSeenBeforeAllocatesNothingOnTheHooksPath() throws Exception {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter unavailable");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter disabled");

        // production, with N+1 off: the same statement a million times a second is exactly what it reports.
        Path rules = Guarded.rulesFile("alloc-rules.yaml", "rules:\n  query.n-plus-one: off\n");
        GuardUrl url = GuardUrl.parse(db.guardUrl("guard.rules=" + rules), db.tls("VERIFY_IDENTITY", db.app()));
        List<SQLWarning> warned = new ArrayList<>();
        WarningSink sink = warned::add;
        try (Engines engines = new Engines(Map.of());
             Connection raw = DriverManager.getDriver(url.targetUrl()).connect(url.targetUrl(), url.properties())) {
            ConnectionHook hook = engines.open(ConnectRequest.toDriver(url.target(), url.properties(), url.settings()));
            hook.connected(raw, sink);
            String[] sqls = {"SELECT status FROM qc_orders WHERE id = 7", "SELECT id FROM qc_orders WHERE customer_id = 9"};
            Object prepared = hook.beforeSql(SqlSource.PREPARE, "SELECT status FROM qc_orders WHERE id = ?", null, null, 0);
            // Warm up: judged, explained (in the background), compiled.
            for (int i = 0; i < 50_000; i++) {
                execute(hook, sqls[i % 2], null);
                execute(hook, "SELECT status FROM qc_orders WHERE id = ?", prepared);
                if (i % 10_000 == 0) {
                    Thread.sleep(50);
                }
            }
            // Several rounds: a one-off cost (a cache's lazily sized table, a deoptimization) shows in one round;
            // an allocation per execution, at least 16 bytes, would be 3.2 MB in every round of 200,000.
            long thread = Thread.currentThread().getId();
            List<Long> rounds = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 100_000; i++) {
                    execute(hook, sqls[i % 2], null);
                    execute(hook, "SELECT status FROM qc_orders WHERE id = ?", prepared);
                }
                rounds.add(threads.getThreadAllocatedBytes(thread) - before);
            }
            hook.closed(false);

            assertThat(warned).as("clean statements").isEmpty();
            assertThat(rounds.stream().mapToLong(Long::longValue).min().orElseThrow())
                    .as("bytes allocated by 200,000 clean executions through the hook, least of 5 rounds %s", rounds)
                    .isLessThan(1_024);
        }
    }

    private static void execute(ConnectionHook hook, String sql, Object prepared) throws Exception {
        Object token = hook.beforeSql(prepared == null ? SqlSource.EXECUTE : SqlSource.EXECUTE_PREPARED, sql, prepared, null,
                System.nanoTime());
        hook.serverStatus(false, false);
        hook.afterExecute(token, 20_000, null);
    }
}
