package dev.jdbcguard.driver.plan;

import java.sql.Statement;
import java.util.Arrays;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One connection's memo of the settled plan verdicts it has used, in front of the shared
 * {@link ExplainService} cache: a statement the connection runs again finds its plan with one
 * array probe instead of a cache lookup (a hash lookup plus the cache's access bookkeeping).
 *
 * <p>The memo never outlives the service's cache: it remembers the service's
 * {@link ExplainService#generation() generation} its slots were filled in, and the generation moves on
 * every eviction and on close, so after an eviction or close the whole memo is stale: every plan is looked up
 * again (and re-explained if the service asks for it), and the first one kept empties the memo. Only verdicts the
 * service itself holds are memoized: a {@link PlanVerdict.Pending} or a dropped request is asked for again next time.
 *
 * <p>Cost: a hit is a volatile read, an index from the fingerprint's cached hash, a reference
 * compare (the same fingerprint object for every execution of a cached judgement; {@code equals}
 * only when a literal variant rebuilt it) and no allocation. A miss costs the service lookup, plus
 * a second one when the answer is settled. Slots hold references to shared verdicts, in pairs (two-way): two
 * fingerprints that collide both stay.
 *
 * <p>Memory: every open connection holds a memo, so the slots are allocated when the first verdict is kept,
 * {@value #INITIAL_SLOTS} of them, and doubled (up to {@value #MAX_SLOTS}) when a verdict would push another out of
 * a full pair: an idle connection pays for none, a lightly used one for a few.
 *
 * <p>Not thread-safe: used by its connection's thread, one at a time.
 */
final class PlanMemo {

    static final int INITIAL_SLOTS = 8;
    static final int MAX_SLOTS = 64;

    private final ExplainService service;
    /** Null until the first verdict is kept; then a power of two in length, as {@link #verdicts}. */
    private Object[] fingerprints;
    private PlanVerdict[] verdicts;
    /** The service's generation every slot was filled in. */
    private int generation;

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
        int held = holding(fingerprint, generation);
        if (held >= 0) {
            return verdicts[held];
        }
        PlanVerdict verdict = service.verdict(fingerprint, sql, statement, application);
        remember(fingerprint, generation, verdict);
        return verdict;
    }

    /** The verdict the service holds for {@code fingerprint}, or null, as {@link ExplainService#cached}. */
    PlanVerdict cached(Object fingerprint) {
        int generation = service.generation();
        int held = holding(fingerprint, generation);
        if (held >= 0) {
            return verdicts[held];
        }
        PlanVerdict verdict = service.cached(fingerprint);
        remember(fingerprint, generation, verdict);
        return verdict;
    }

    /** Whether the next call for {@code fingerprint} is answered from the memo, without a service lookup. */
    boolean answers(Object fingerprint) {
        return holding(fingerprint, service.generation()) >= 0;
    }

    /** How many slots the memo has now (0 before it kept a verdict). */
    int slots() {
        return fingerprints == null ? 0 : fingerprints.length;
    }

    /** Which slot of the fingerprint's pair holds its current verdict, or -1. */
    private int holding(Object fingerprint, int generation) {
        Object[] known = fingerprints;
        if (known == null || generation != this.generation) {
            return -1;
        }
        int slot = slot(fingerprint, known.length);
        if (holds(known[slot], fingerprint)) {
            return slot;
        }
        return holds(known[slot ^ 1], fingerprint) ? slot ^ 1 : -1;
    }

    private static boolean holds(Object known, Object fingerprint) {
        return known != null && (known == fingerprint || known.equals(fingerprint));
    }

    /**
     * Keeps a verdict only when the service caches it; a pending or dropped one must be asked for again.
     * The pair keeps the two most recent fingerprints that share it: the older moves to the second slot.
     */
    private void remember(Object fingerprint, int generation, PlanVerdict verdict) {
        if (verdict == null || verdict instanceof PlanVerdict.Pending || service.cached(fingerprint) != verdict) {
            return;
        }
        if (fingerprints == null) {
            fingerprints = new Object[INITIAL_SLOTS];
            verdicts = new PlanVerdict[INITIAL_SLOTS];
        } else if (generation != this.generation) {
            Arrays.fill(fingerprints, null); // filled in an earlier generation: none can be served again
            Arrays.fill(verdicts, null);
        } else if (fingerprints.length < MAX_SLOTS) {
            int slot = slot(fingerprint, fingerprints.length);
            if (fingerprints[slot] != null && fingerprints[slot ^ 1] != null) {
                grow();
            }
        }
        this.generation = generation;
        int slot = slot(fingerprint, fingerprints.length);
        if (fingerprints[slot] != null) { // else the other slot may hold the pair's other fingerprint: it stays
            fingerprints[slot ^ 1] = fingerprints[slot];
            verdicts[slot ^ 1] = verdicts[slot];
        }
        fingerprints[slot] = fingerprint;
        verdicts[slot] = verdict;
    }

    /**
     * Twice the slots, every verdict rehashed: a pair of the larger arrays takes fingerprints from one pair of the
     * smaller only, so every one finds a place.
     */
    private void grow() {
        Object[] grownFingerprints = new Object[fingerprints.length * 2];
        PlanVerdict[] grownVerdicts = new PlanVerdict[grownFingerprints.length];
        for (int i = 0; i < fingerprints.length; i++) {
            if (fingerprints[i] != null) {
                int slot = slot(fingerprints[i], grownFingerprints.length);
                int free = grownFingerprints[slot] == null ? slot : slot ^ 1;
                grownFingerprints[free] = fingerprints[i];
                grownVerdicts[free] = verdicts[i];
            }
        }
        fingerprints = grownFingerprints;
        verdicts = grownVerdicts;
    }

    private static int slot(Object fingerprint, int length) {
        int hash = fingerprint.hashCode();
        return (hash ^ (hash >>> 16)) & (length - 1);
    }
}
