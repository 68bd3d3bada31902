package dev.jdbcguard.driver.plan;

import java.sql.Statement;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One connection's memo of the settled plan verdicts it has used, in front of the shared
 * {@link ExplainService} cache: a statement the connection runs again finds its plan with one
 * array probe instead of a cache lookup (a hash lookup plus the cache's access bookkeeping).
 *
 * <p>The memo never outlives the service's cache: each slot remembers the service's
 * {@link ExplainService#generation() generation} it was filled in, and the generation moves on
 * every eviction and on close, so an evicted or closed plan is looked up again (and re-explained
 * if the service asks for it). Only verdicts the service itself holds are memoized: a
 * {@link PlanVerdict.Pending} or a dropped request is asked for again next time.
 *
 * <p>Cost: a hit is a volatile read, an index from the fingerprint's cached hash, a reference
 * compare (the same fingerprint object for every execution of a cached judgement; {@code equals}
 * only when a literal variant rebuilt it) and no allocation. A miss costs the service lookup, plus
 * a second one when the answer is settled. Memory: {@value #SLOTS} slots of references to shared
 * verdicts per connection, in pairs (two-way): two fingerprints that collide both stay.
 *
 * <p>Not thread-safe: used by its connection's thread, one at a time.
 */
final class PlanMemo {

    private static final int SLOTS = 64;

    private final ExplainService service;
    private final Object[] fingerprints = new Object[SLOTS];
    private final PlanVerdict[] verdicts = new PlanVerdict[SLOTS];
    private final int[] generations = new int[SLOTS];

    PlanMemo(ExplainService service) {
        this.service = service;
    }

    /**
     * The verdict for {@code fingerprint}, as {@link ExplainService#verdict} gives it.
     *
     * @throws SQLException when reading the application connection's catalog or the bound values fails
     */
    PlanVerdict verdict(Object fingerprint, String sql, Statement statement, Connection application)
            throws SQLException {
        int generation = service.generation();
        int slot = slot(fingerprint);
        int held = holding(slot, fingerprint, generation);
        if (held >= 0) {
            return verdicts[held];
        }
        PlanVerdict verdict = service.verdict(fingerprint, sql, statement, application);
        remember(slot, fingerprint, generation, verdict);
        return verdict;
    }

    /** The verdict the service holds for {@code fingerprint}, or null, as {@link ExplainService#cached}. */
    PlanVerdict cached(Object fingerprint) {
        int generation = service.generation();
        int slot = slot(fingerprint);
        int held = holding(slot, fingerprint, generation);
        if (held >= 0) {
            return verdicts[held];
        }
        PlanVerdict verdict = service.cached(fingerprint);
        remember(slot, fingerprint, generation, verdict);
        return verdict;
    }

    /** Which slot of the pair at {@code slot} holds the fingerprint's current verdict, or -1. */
    private int holding(int slot, Object fingerprint, int generation) {
        if (holds(slot, fingerprint, generation)) {
            return slot;
        }
        return holds(slot ^ 1, fingerprint, generation) ? slot ^ 1 : -1;
    }

    private boolean holds(int slot, Object fingerprint, int generation) {
        Object known = fingerprints[slot];
        return known != null && generations[slot] == generation && (known == fingerprint || known.equals(fingerprint));
    }

    /**
     * Keeps a verdict only when the service caches it; a pending or dropped one must be asked for again.
     * The pair keeps the two most recent fingerprints that share it: the older moves to the second slot.
     */
    private void remember(int slot, Object fingerprint, int generation, PlanVerdict verdict) {
        if (verdict == null || verdict instanceof PlanVerdict.Pending || service.cached(fingerprint) != verdict) {
            return;
        }
        int other = slot ^ 1;
        fingerprints[other] = fingerprints[slot];
        verdicts[other] = verdicts[slot];
        generations[other] = generations[slot];
        fingerprints[slot] = fingerprint;
        verdicts[slot] = verdict;
        generations[slot] = generation;
    }

    private static int slot(Object fingerprint) {
        int hash = fingerprint.hashCode();
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
