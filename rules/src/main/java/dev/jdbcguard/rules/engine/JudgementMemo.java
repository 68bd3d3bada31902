package dev.jdbcguard.rules.engine;

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
 * judge's lookup and one array store. Strings whose hashes collide replace each other.
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
        Judgement memoized = judgements[slot];
        if (memoized != null && memoized.ruleSet() == rules.current()
                && (memoized.sql() == sql || memoized.sql().equals(sql))) {
            return memoized;
        }
        Judgement judgement = judge.judge(sql);
        judgements[slot] = judgement;
        return judgement;
    }
}
