package dev.jdbcguard.rules;

import java.util.Objects;

/**
 * Where the current {@link RuleSet} comes from. {@link #current()} is a single volatile read (or a final field):
 * cheap enough to call on every statement. Close a source when the driver is done with it: a reloading source
 * stops its polling thread; the last rule set stays readable.
 */
public interface RuleSource extends AutoCloseable {

    /** The rule set in force now. Never {@code null}. */
    RuleSet current();

    /**
     * Registers a listener called, on the thread that swapped, after each swap to a new rule set. A fixed source
     * never swaps and never calls it.
     */
    void addListener(Listener listener);

    /** Releases what the source holds (a polling thread); never throws. A fixed source holds nothing. */
    @Override
    default void close() {
    }

    /** Told when a source has swapped its rule set. */
    @FunctionalInterface
    interface Listener {
        void swapped(RuleSet previous, RuleSet current);
    }

    /** A source that always returns {@code rules}. */
    static RuleSource fixed(RuleSet rules) {
        Objects.requireNonNull(rules, "rules");
        return new RuleSource() {
            @Override
            public RuleSet current() {
                return rules;
            }

            @Override
            public void addListener(Listener listener) {
                Objects.requireNonNull(listener, "listener");
            }
        };
    }
}
