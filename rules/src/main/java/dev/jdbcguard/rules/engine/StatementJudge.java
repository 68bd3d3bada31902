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
 * A string cached under the current rule set (judged twice before, see below) is a cache hit: one volatile read of
 * the rule source, one of the cache, one Caffeine {@code getIfPresent} (a hash lookup plus a lossy ring-buffer write of
 * the access) and a reference comparison; nothing is allocated and the cached immutable judgement itself is returned.
 * A miss classifies the string (linear in its length), applies the rules (linear in its statements) and probes the
 * sighting array.
 *
 * <h2>Rule-set swaps</h2>
 * Each judgement holds the rule set it was reached under; a hit from another set is stale and is judged again and
 * replaced. Nothing is invalidated on a swap, so the hit path stays a comparison, and a judgement racing with a swap
 * can never be served under the wrong rules.
 *
 * <h2>Admission at the second sighting</h2>
 * A string enters the cache only when it is judged the second time: its first judgement leaves the string's hash in a
 * fixed array of {@link #sightingSlots} ints, and a later miss that finds the hash there inserts. SQL built by
 * concatenating literals (an id in the text, an ORM's IN list) is new at nearly every call; for it a cache insert,
 * with the eviction it triggers, cost more than classifying the string, and kept nothing worth keeping. A string that
 * repeats is judged twice before it is served from the cache (a connection's {@link JudgementMemo} serves its own
 * repeats from the first judgement on); one that repeats only after more other new strings than the array has slots
 * may be judged again each time, at the cost of a miss. The array is written without synchronization: a lost write
 * only delays an admission. The Caffeine cache itself is built at the first admission, so a guard that has run no
 * statement twice has loaded none of its classes.
 *
 * <h2>Memory</h2>
 * The cache is bounded by entry count (Window TinyLFU: a flood of one-off strings from concatenated literals does
 * not evict the statements that repeat). It holds the SQL strings it keys on, so its footprint is about
 * {@code maxEntries x (average SQL length x 2 bytes + ~300 bytes)}, plus 4 bytes per sighting slot. Warnings should
 * be deduplicated by {@link Finding#fingerprint()}, which is the same for every literal variant of a statement.
 * Eviction work runs on the calling thread (no use of the application's common pool).
 */
public final class StatementJudge {

    /** Sighting slots per cache entry, within {@link #MIN_SLOTS} and {@link #MAX_SLOTS} (powers of two). */
    private static final int SLOTS_PER_ENTRY = 2;
    private static final int MIN_SLOTS = 1 << 10;
    private static final int MAX_SLOTS = 1 << 16;

    private final RuleSource source;
    private final long maxEntries;
    /** Hashes of strings judged once and not cached, by {@link #slot}; 0 for none. */
    private final int[] sightings;
    /** Built at the first admission; null before. */
    private volatile Cache<String, Judgement> cache;

    /**
     * @param source     where the current rules come from (read on every call)
     * @param maxEntries how many SQL strings to keep judgements for; {@code > 0}
     */
    public StatementJudge(RuleSource source, long maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be > 0: " + maxEntries);
        }
        this.source = Objects.requireNonNull(source, "source");
        this.maxEntries = maxEntries;
        this.sightings = new int[sightingSlots(maxEntries)];
    }

    /** The size of the sighting array for a cache of {@code maxEntries}. */
    static int sightingSlots(long maxEntries) {
        long wanted = Math.min(maxEntries * SLOTS_PER_ENTRY, MAX_SLOTS);
        return Math.max(MIN_SLOTS, Integer.highestOneBit((int) wanted - 1) << 1);
    }

    /**
     * The judgement of {@code sql} under the current rules, from the cache when it has one for this rule set.
     *
     * @throws NullPointerException when {@code sql} is null
     */
    public Judgement judge(String sql) {
        RuleSet rules = source.current();
        Cache<String, Judgement> entries = cache;
        Judgement cached = entries == null ? null : entries.getIfPresent(sql);
        if (cached != null && cached.ruleSet() == rules) {
            return cached;
        }
        return miss(sql, rules, cached != null);
    }

    /**
     * Judges {@code sql} afresh and caches the judgement when the string was cached before (under other rules) or
     * seen once before. Out of {@link #judge(String)}, whose hit path callers inline.
     */
    private Judgement miss(String sql, RuleSet rules, boolean stale) {
        Judgement fresh = judge(sql, rules);
        if (stale || seenBefore(sql)) {
            cache().put(sql, fresh);
        }
        return fresh;
    }

    /** True when {@code sql}'s hash was left by an earlier judgement; else leaves it, for the next. */
    private boolean seenBefore(String sql) {
        int hash = sql.hashCode();
        hash = hash == 0 ? 1 : hash; // never 0, the empty slot
        int slot = (hash * 0x9E3779B9 >>> 16) & (sightings.length - 1);
        if (sightings[slot] == hash) {
            return true;
        }
        sightings[slot] = hash;
        return false;
    }

    private Cache<String, Judgement> cache() {
        Cache<String, Judgement> built = cache;
        if (built != null) {
            return built;
        }
        synchronized (sightings) {
            Cache<String, Judgement> entries = cache;
            if (entries == null) {
                entries = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
                cache = entries;
            }
            return entries;
        }
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
        Cache<String, Judgement> entries = cache;
        return entries == null ? 0 : entries.estimatedSize();
    }
}
