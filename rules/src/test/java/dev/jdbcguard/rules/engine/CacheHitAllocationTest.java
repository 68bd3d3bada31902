package dev.jdbcguard.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jdbcguard.rules.RuleSource;
import dev.jdbcguard.rules.file.RuleFiles;
import java.lang.management.ManagementFactory;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A regression guard for the hit path's promise (the JMH benchmark with the GC profiler is the measurement): a
 * cache hit allocates nothing, counted by the JVM's per-thread allocation counter, not timed.
 */
class CacheHitAllocationTest {

    @Test
    void cacheHitsAllocateNothing() {
        StatementJudge judge = new StatementJudge(RuleSource.fixed(RuleFiles.profile("production")), 1_000);
        assertHitsAllocateNothing(judge::judge);
    }

    @Test
    void memoHitsAllocateNothing() {
        JudgementMemo memo = new JudgementMemo(new StatementJudge(RuleSource.fixed(RuleFiles.profile("production")), 1_000));
        assertHitsAllocateNothing(memo::judge);
    }

    private static void assertHitsAllocateNothing(Function<String, Judgement> judge) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter unavailable");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter disabled");

        String[] sqls = {"SELECT id, name FROM users WHERE id = ?", "DELETE FROM sessions", "ALTER TABLE t DROP COLUMN c",
                "UPDATE orders SET paid = 1 WHERE id = ?", "SELECT * FROM t; SELECT 1"};
        for (int i = 0; i < 20_000; i++) {
            judge.apply(sqls[i % sqls.length]);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        int blocked = 0;
        for (int i = 0; i < 1_000_000; i++) {
            blocked += judge.apply(sqls[i % sqls.length]).blocked() ? 1 : 0;
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(blocked).isEqualTo(400_000);
        // One-off costs (JIT deoptimization, the counter itself) stay around a kilobyte whatever the count; an
        // allocation per hit, at least 16 bytes, would be 16 MB here.
        assertThat(allocated).as("bytes allocated by 1,000,000 cache hits").isLessThan(16_384);
    }
}
