package dev.jdbcguard.driver.proxy;

import dev.jdbcguard.driver.hook.WarningSink;
import java.sql.SQLWarning;
import java.util.Arrays;

/**
 * The one {@link WarningSink} of a guarded connection's hook: holds what the hook adds during one of
 * its calls until the proxy that made the call moves it onto its own warning chain.
 *
 * <p>Why not hand the hook the statement itself: a proxy passed to a method the JIT does not inline
 * (the rule engine is too large to be) escapes, and then the JIT can never remove a statement proxy
 * the application drops after one use. With this sink the hook never sees a statement or result set
 * proxy; the caller checks {@link #isEmpty()} after each hook call (one field read) and moves the rare
 * warning. When the call fails, the warnings go with the exception the application gets
 * ({@link #attachTo}): the failure path must not hand the proxy to a method either, since the JIT
 * compiles it (the hook can throw) but never inlines a call it has not seen run. Keeping the proxy
 * out of such calls is necessary for the JIT to remove it, not sufficient: see the benchmarks' README.
 *
 * <p>Used by the connection's thread only, like the hook's calls that may warn.
 */
final class PendingWarnings implements WarningSink {

    private SQLWarning[] held = new SQLWarning[0];
    private int count;

    @Override
    public void addWarning(SQLWarning warning) {
        if (count == held.length) {
            held = Arrays.copyOf(held, Math.max(2, count * 2));
        }
        held[count++] = warning;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Adds what is held to {@code failure} as suppressed exceptions, in order, and forgets it. */
    void attachTo(Throwable failure) {
        for (int i = 0; i < count; i++) {
            failure.addSuppressed(held[i]);
            held[i] = null;
        }
        count = 0;
    }

    /** Appends what is held to {@code owner}'s chain, in order, and forgets it. */
    void moveTo(GuardWarningSource<?> owner) {
        for (int i = 0; i < count; i++) {
            owner.addGuardWarning(held[i]);
            held[i] = null;
        }
        count = 0;
    }
}
