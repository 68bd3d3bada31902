package dev.jdbcguard.rules.engine;

import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.RuleSource;
import java.util.Objects;

/**
 * One connection's memo of the judgements it used, in front of the shared {@link StatementJudge}:
 * the statements a connection repeats are found with one array probe instead of a cache lookup (a
 * hash lookup plus the cache's access bookkeeping, which every connection of the JVM shares).
 *
 * <p>Answers exactly as {@link StatementJudge#judge(String)}: a memoized judgement is served only
 * for its own SQL string and while its rule set is the one in force, so a reload is seen at the
 * next call. Each slot is one reference to an immutable {@link Judgement} that carries its string,
 * so even threads sharing a connection against JDBC practice can never pair a string with another
 * string's verdict (the array is replaced on growth, never resized in place). A judgement the shared
 * cache has evicted may still be served from here: it is as valid as when it was made, and a memo keeps
 * at most {@value #MAX_SLOTS} of them alive.
 *
 * <p>Cost: a hit is the string's hash (cached in the string), a reference compare (applications
 * pass the same string object for a statement they repeat; an equal string built anew costs an
 * {@code equals}), a volatile read of the rule source and no allocation. A miss costs the shared
 * judge's lookup and two array stores. Slots are paired (two-way): a string may sit in either slot
 * of its pair, so two strings that collide both stay; a third pushes out the older.
 *
 * <p>Memory: every open connection holds a memo, and most run a few statements, so the slots are allocated at the
 * first judgement, {@value #INITIAL_SLOTS} of them, and doubled (up to {@value #MAX_SLOTS}) when a miss would push a
 * current judgement out of a full pair: an idle connection pays for none, a lightly used one for a few.
 */
public final class JudgementMemo {

    static final int INITIAL_SLOTS = 8;
    static final int MAX_SLOTS = 64;

    private final StatementJudge judge;
    private final RuleSource rules;
    /** Null until the first judgement; a power of two in length. */
    private Judgement[] judgements;

    /** @param judge the shared judge, whose rule source decides which judgements are current */
    public JudgementMemo(StatementJudge judge) {
        this.judge = Objects.requireNonNull(judge, "judge");
        this.rules = judge.source();
    }

    /**
     * The judgement of {@code sql} under the current rules.
     *
     * @throws NullPointerException when {@code sql} is null
     */
    public Judgement judge(String sql) {
        int hash = sql.hashCode();
        RuleSet current = rules.current();
        Judgement[] slots = judgements;
        if (slots != null) {
            int slot = slot(hash, slots.length);
            Judgement first = slots[slot];
            if (holds(first, sql, current)) {
                return first;
            }
            Judgement second = slots[slot ^ 1];
            if (holds(second, sql, current)) {
                return second;
            }
        }
        Judgement judgement = judge.judge(sql);
        remember(judgement, hash, current);
        return judgement;
    }

    /** How many slots the memo has now (0 before its first judgement). */
    int slots() {
        Judgement[] slots = judgements;
        return slots == null ? 0 : slots.length;
    }

    /** The pair keeps the two most recent of the strings that share it; a full pair of current ones grows the memo. */
    private void remember(Judgement judgement, int hash, RuleSet current) {
        Judgement[] slots = judgements;
        if (slots == null) {
            slots = new Judgement[INITIAL_SLOTS];
        } else if (slots.length < MAX_SLOTS) {
            int slot = slot(hash, slots.length);
            if (isCurrent(slots[slot], current) && isCurrent(slots[slot ^ 1], current)) {
                slots = grown(slots, current);
            }
        }
        int slot = slot(hash, slots.length);
        if (slots[slot] != null) {
            slots[slot ^ 1] = slots[slot]; // else the other slot may hold the pair's other string: it stays
        }
        slots[slot] = judgement;
        judgements = slots;
    }

    /**
     * Twice the slots, with the current judgements rehashed (those of an earlier rule set can never be served again).
     * A pair of the larger array takes judgements from one pair of the smaller only, so every one finds a place.
     */
    private static Judgement[] grown(Judgement[] slots, RuleSet current) {
        Judgement[] grown = new Judgement[slots.length * 2];
        for (Judgement judgement : slots) {
            if (isCurrent(judgement, current)) {
                int slot = slot(judgement.sql().hashCode(), grown.length);
                grown[grown[slot] == null ? slot : slot ^ 1] = judgement;
            }
        }
        return grown;
    }

    private static int slot(int hash, int length) {
        return (hash ^ (hash >>> 16)) & (length - 1);
    }

    private static boolean isCurrent(Judgement memoized, RuleSet current) {
        return memoized != null && memoized.ruleSet() == current;
    }

    private static boolean holds(Judgement memoized, String sql, RuleSet current) {
        return memoized != null && memoized.ruleSet() == current && (memoized.sql() == sql || memoized.sql().equals(sql));
    }
}
