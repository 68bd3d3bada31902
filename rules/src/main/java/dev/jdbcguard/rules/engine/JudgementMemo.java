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
 * string's verdict. A judgement the shared cache has evicted may still be served from here: it is
 * as valid as when it was made, and a memo keeps at most {@value #SLOTS} of them alive.
 *
 * <p>Cost: a hit is the string's hash (cached in the string), a reference compare (applications
 * pass the same string object for a statement they repeat; an equal string built anew costs an
 * {@code equals}), a volatile read of the rule source and no allocation. A miss costs the shared
 * judge's lookup and two array stores. Slots are paired (two-way): a string may sit in either slot
 * of its pair, so two strings that collide both stay; a third pushes out the older.
 */
public final class JudgementMemo {

    private static final int SLOTS = 64;

    private final StatementJudge judge;
    private final RuleSource rules;
    private final Judgement[] judgements = new Judgement[SLOTS];

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
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        RuleSet current = rules.current();
        Judgement first = judgements[slot];
        if (holds(first, sql, current)) {
            return first;
        }
        Judgement second = judgements[slot ^ 1];
        if (holds(second, sql, current)) {
            return second;
        }
        Judgement judgement = judge.judge(sql);
        judgements[slot ^ 1] = first; // the pair keeps the two most recent of the strings that share it
        judgements[slot] = judgement;
        return judgement;
    }

    private static boolean holds(Judgement memoized, String sql, RuleSet current) {
        return memoized != null && memoized.ruleSet() == current && (memoized.sql() == sql || memoized.sql().equals(sql));
    }
}
