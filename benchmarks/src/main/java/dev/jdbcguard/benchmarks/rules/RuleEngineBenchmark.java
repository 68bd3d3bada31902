package dev.jdbcguard.benchmarks.rules;

import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.RuleSource;
import dev.jdbcguard.rules.engine.Judgement;
import dev.jdbcguard.rules.engine.JudgementMemo;
import dev.jdbcguard.rules.engine.StatementJudge;
import dev.jdbcguard.rules.file.RuleFiles;
import dev.jdbcguard.rules.sql.Classification;
import dev.jdbcguard.rules.sql.SqlClassifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What judging one statement costs, without JDBC: the production rules' {@link StatementJudge} on a cache hit
 * and on a miss, and a connection's {@link JudgementMemo} in front of it, per {@link Workload}; the classifier's share of a miss; and a stream of statements that are
 * all new (literals concatenated into the text), which miss and churn the bounded cache.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleEngineBenchmark {

    /** Judgements kept, as many as the driver keeps by default. */
    static final long CACHE_ENTRIES = 10_000;

    /** The production profile behind a cached judge, warmed with every workload's statements. */
    @State(Scope.Benchmark)
    public static class Engine {

        RuleSet rules;
        StatementJudge judge;

        @Setup(Level.Trial)
        public void load() {
            rules = RuleFiles.profile("production");
            judge = new StatementJudge(RuleSource.fixed(rules), CACHE_ENTRIES);
            for (Workload workload : Workload.values()) {
                for (String statement : workload.statements()) {
                    judge.judge(statement);
                }
            }
        }
    }

    /** One connection's memo in front of the shared judge. */
    @State(Scope.Thread)
    public static class Memo {

        JudgementMemo judgements;

        @Setup(Level.Trial)
        public void open(Engine engine) {
            judgements = new JudgementMemo(engine.judge);
        }
    }

    /** Cycles through the statements of one workload. */
    @State(Scope.Thread)
    public static class Statements {

        @Param
        Workload workload;

        private String[] texts;
        private int next;

        @Setup(Level.Trial)
        public void load() {
            texts = workload.statements();
        }

        String next() {
            String text = texts[next];
            next = next + 1 == texts.length ? 0 : next + 1;
            return text;
        }
    }

    /** A literal that never repeats, as an application that concatenates ids into its SQL produces. */
    @State(Scope.Thread)
    public static class Literals {

        private long next;

        String nextStatement() {
            return "SELECT id, name, balance FROM account WHERE id = " + next++;
        }
    }

    /** A statement judged before: the fast path every repeated statement takes. */
    @Benchmark
    public Judgement judgeCacheHit(Engine engine, Statements statements) {
        return engine.judge.judge(statements.next());
    }

    /**
     * A statement a connection repeats, found in its own {@link JudgementMemo} (what the driver asks first; the
     * shared judge only on a memo miss). One memo per benchmark thread, as one per connection in the driver.
     */
    @Benchmark
    public Judgement judgeMemoHit(Memo memo, Statements statements) {
        return memo.judgements.judge(statements.next());
    }

    /** Classification and rules from scratch: what a statement not in the cache costs, without the cache. */
    @Benchmark
    public Judgement judgeCacheMiss(Engine engine, Statements statements) {
        return StatementJudge.judge(statements.next(), engine.rules);
    }

    /** The classifier's share of {@link #judgeCacheMiss}. */
    @Benchmark
    public Classification classify(Statements statements) {
        return SqlClassifier.classify(statements.next());
    }

    /** Every statement new: build the text, miss, judge, insert into the full cache and evict. */
    @Benchmark
    public Judgement judgeNewText(Engine engine, Literals literals) {
        return engine.judge.judge(literals.nextStatement());
    }

    /** Building the text alone: subtract it from {@link #judgeNewText} for the judge's share. */
    @Benchmark
    public String concatenateOnly(Literals literals) {
        return literals.nextStatement();
    }
}
