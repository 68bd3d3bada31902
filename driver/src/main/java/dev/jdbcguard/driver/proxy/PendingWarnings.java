package dev.jdbcguard.driver.proxy;

import dev.jdbcguard.driver.hook.WarningSink;
import java.sql.SQLWarning;
import java.util.Arrays;

/**
 * The one {@link WarningSink} of a guarded connection's hook: holds what the hook adds during one of
 * its calls until the proxy that made the call moves it onto its own warning chain.
 *
 * <p>Why not hand the hook the statement itself: a proxy passed to the hook escapes, so the JIT can no
 * longer remove a statement proxy the application drops after one use, and a clean execution would
 * allocate. With this sink the hook never sees a statement or result set proxy; the caller checks
 * {@link #isEmpty()} after each hook call (one field read) and moves the rare warning.
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

    /** Appends what is held to {@code owner}'s chain, in order, and forgets it. */
    void moveTo(GuardWarningSource<?> owner) {
        for (int i = 0; i < count; i++) {
            owner.addGuardWarning(held[i]);
            held[i] = null;
        }
        count = 0;
    }
}
