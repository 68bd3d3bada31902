package dev.jdbcguard.rules.engine;

import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.RuleSource;

/** A rule source a test swaps by hand, as a reload would; the judges read {@link #current()} at every call. */
final class SwappableRules implements RuleSource {

    private volatile RuleSet current;

    SwappableRules(RuleSet initial) {
        this.current = initial;
    }

    void swap(RuleSet next) {
        current = next;
    }

    @Override
    public RuleSet current() {
        return current;
    }

    @Override
    public void addListener(Listener listener) {
        // nothing here listens: the judges compare rule sets at each call
    }
}
