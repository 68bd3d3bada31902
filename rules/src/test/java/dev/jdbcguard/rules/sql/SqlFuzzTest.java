package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.engine.Judgement;
import dev.jdbcguard.rules.engine.StatementJudge;
import dev.jdbcguard.rules.file.RuleFiles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded fuzz of the classifier and the statement rules: {@value #DEFAULT_INPUTS} hostile inputs
 * ({@link SqlMutations}) by default, a few seconds in {@code verify}. Each is classified without the classifier's
 * safety net ({@link SqlClassifier#classifyText}, so a defect shows as the exception it is, with the input) and
 * judged under {@code production}; the wall-clock and CPU time of each classification is recorded (after a warm-up of
 * 10,000) and their percentiles logged.
 *
 * <p>The 10^6-input run, with another seed if wanted:
 * <pre>./mvnw -B -pl rules test -Dtest=SqlFuzzTest -Dfuzz.inputs=1000000 [-Dfuzz.seed=42]</pre>
 * The driver's {@code SqlFuzzTest} sends such inputs to a real server through the guard.
 */
class SqlFuzzTest {

    private static final Logger LOG = LoggerFactory.getLogger(SqlFuzzTest.class);
    static final int DEFAULT_INPUTS = 50_000;
    /** Inputs classified before the clock counts, so the percentiles are the compiled code's, not the interpreter's. */
    private static final int WARM_UP = 10_000;
    /**
     * A gross regression guard on the thread's CPU time (a superlinear case would be far above it): the wall-clock
     * percentiles are logged too, but on a shared machine their tail is the scheduler's time slice as often as the
     * classifier's.
     */
    private static final long CPU_P999_LIMIT_NANOS = 2_000_000;

    @Test
    void everyInputIsClassifiedAndJudgedWithoutAnException() {
        int inputs = Integer.getInteger("fuzz.inputs", DEFAULT_INPUTS);
        long seed = Long.getLong("fuzz.seed", 17L);
        RuleSet production = RuleFiles.profile("production");
        SqlMutations mutations = new SqlMutations(seed);
        for (int i = 0; i < WARM_UP; i++) {
            SqlClassifier.classifyText(mutations.next());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[inputs];
        long[] cpuNanos = new long[inputs];
        int blocked = 0;
        int dynamic = 0;
        for (int i = 0; i < inputs; i++) {
            String sql = mutations.next();
            Classification classification;
            Judgement judgement;
            try {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                classification = SqlClassifier.classifyText(sql);
                nanos[i] = System.nanoTime() - start;
                cpuNanos[i] = threads.getCurrentThreadCpuTime() - cpuStart;
                judgement = StatementJudge.judge(sql, production);
            } catch (RuntimeException e) {
                throw new AssertionError("input " + i + " (seed " + seed + ") failed: " + SqlMutations.escaped(sql), e);
            }
            if (classification == null || judgement.verdict() == null) {
                fail("input %d (seed %d) has no result: %s", i, seed, SqlMutations.escaped(sql));
            }
            blocked += judgement.blocked() ? 1 : 0;
            dynamic += judgement.verdict().findings().stream()
                    .anyMatch(f -> f.ruleId().equals("query.dynamic-sql")) ? 1 : 0;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpuNanos);
        LOG.info("SQL fuzz, seed {}: {} inputs classified and judged, {} blocked under production ({} as dynamic SQL);"
                        + " classification wall time p50 {} us, p99 {} us, p99.9 {} us, max {} us; CPU time p50 {} us,"
                        + " p99 {} us, p99.9 {} us, max {} us", seed, inputs, blocked, dynamic, micros(nanos, 0.5),
                micros(nanos, 0.99), micros(nanos, 0.999), micros(nanos, 1.0), micros(cpuNanos, 0.5),
                micros(cpuNanos, 0.99), micros(cpuNanos, 0.999), micros(cpuNanos, 1.0));
        assertThat(blocked).as("hostile inputs blocked: the fuzz is not all noise").isGreaterThan(inputs / 4);
        assertThat(dynamic).as("dynamic SQL among them").isPositive();
        assertThat(percentile(cpuNanos, 0.999)).as("p99.9 CPU time of one classification (ns)")
                .isLessThan(CPU_P999_LIMIT_NANOS);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String micros(long[] sorted, double p) {
        return String.format("%.1f", percentile(sorted, p) / 1_000.0);
    }
}
