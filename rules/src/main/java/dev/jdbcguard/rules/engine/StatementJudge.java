package dev.jdbcguard.rules.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.RuleSource;
import dev.jdbcguard.rules.sql.Classification;
import dev.jdbcguard.rules.sql.SqlClassifier;
import dev.jdbcguard.rules.sql.StatementInfo;
import java.util.Objects;

/**
 * Classifies SQL strings and applies the statement rules, caching the {@link Judgement} per SQL string.
 *
 * <h2>Cost</h2>
 * A string judged before under the current rule set is a cache hit: one volatile read of the rule source, one
 * Caffeine {@code getIfPresent} (a hash lookup plus a lossy ring-buffer write of the access) and a reference
 * comparison; nothing is allocated and the cached immutable judgement itself is returned. A miss classifies the
 * string (linear in its length) and applies the rules (linear in its statements).
 *
 * <h2>Rule-set swaps</h2>
 * Each judgement holds the rule set it was reached under; a hit from another set is stale and is judged again and
 * replaced. Nothing is invalidated on a swap, so the hit path stays a comparison, and a judgement racing with a swap
 * can never be served under the wrong rules.
 *
 * <h2>Memory</h2>
 * The cache is bounded by entry count (Window TinyLFU: a flood of one-off strings from concatenated literals does
 * not evict the statements that repeat). It holds the SQL strings it keys on, so its footprint is about
 * {@code maxEntries x (average SQL length x 2 bytes + ~300 bytes)}. Warnings should be deduplicated by
 * {@link Finding#fingerprint()}, which is the same for every literal variant of a statement. Eviction work runs on
 * the calling thread (no use of the application's common pool).
 */
public final class StatementJudge {

    private final RuleSource source;
    private final Cache<String, Judgement> cache;

    /**
     * @param source     where the current rules come from (read on every call)
     * @param maxEntries how many SQL strings to keep judgements for; {@code > 0}
     */
    public StatementJudge(RuleSource source, long maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be > 0: " + maxEntries);
        }
        this.source = Objects.requireNonNull(source, "source");
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
    }

    /**
     * The judgement of {@code sql} under the current rules, from the cache when it has one for this rule set.
     *
     * @throws NullPointerException when {@code sql} is null
     */
    public Judgement judge(String sql) {
        RuleSet rules = source.current();
        Judgement cached = cache.getIfPresent(sql);
        if (cached != null && cached.ruleSet() == rules) {
            return cached;
        }
        Judgement fresh = judge(sql, rules);
        cache.put(sql, fresh);
        return fresh;
    }

    /** Judges without any cache: for one-off use such as {@code lint}. */
    public static Judgement judge(String sql, RuleSet rules) {
        var classification = SqlClassifier.classify(Objects.requireNonNull(sql, "sql"));
        return new Judgement(sql, classification, StatementRules.judge(classification, rules), rules);
    }

    /**
     * Judges without any cache a string already classified, knowing the statement that directly follows it in its
     * file: for {@code lint}, which reads a file statement by statement ({@code DROP TABLE IF EXISTS x} followed by
     * {@code CREATE TABLE x} is {@code ddl.recreate-table}, not {@code ddl.drop-table}).
     *
     * @param next the first statement after {@code sql}, or null at the end of the file
     */
    public static Judgement judge(String sql, Classification classification, RuleSet rules, StatementInfo next) {
        return new Judgement(sql, classification, StatementRules.judge(classification, rules, next), rules);
    }

    RuleSource source() {
        return source;
    }

    /** The number of cached judgements (approximate, for metrics). */
    public long cachedEntries() {
        return cache.estimatedSize();
    }
}
