package dev.jdbcguard.driver.proxy;

import java.sql.SQLWarning;
import java.sql.Wrapper;

/**
 * A proxy whose {@code getWarnings()} chain the guard extends (connections and statements). The
 * generated subclass implements {@code getWarnings()} as the delegate's chain passed through
 * {@link #withGuardWarnings}, and {@code clearWarnings()} as the delegate's followed by
 * {@link #clearGuardWarnings}. The hook's findings reach the chain through the connection's
 * {@link PendingWarnings}, moved here by {@link #takeWarnings} after each hook call this object makes.
 *
 * @param <D> the JDBC interface wrapped
 */
public abstract class GuardWarningSource<D extends Wrapper> extends GuardWrapper<D> {

    // Allocated on the first guard warning: most statements never get one, and this runs per statement.
    private WarningChain warnings;

    protected GuardWarningSource(D delegate) {
        super(delegate);
    }

    final void addGuardWarning(SQLWarning warning) {
        if (warnings == null) {
            warnings = new WarningChain();
        }
        warnings.add(warning);
    }

    /** The target driver's warnings followed by the guard's. */
    protected final SQLWarning withGuardWarnings(SQLWarning target) {
        return warnings == null ? target : warnings.after(target);
    }

    /**
     * Moves onto this object's chain what the connection's hook added during the call this object just
     * made. Cost when there is none (nearly always): one field read and a compare.
     */
    final void takeWarnings(PendingWarnings pending) {
        if (!pending.isEmpty()) {
            pending.moveTo(this);
        }
    }

    protected final void clearGuardWarnings() {
        if (warnings != null) {
            warnings.clear();
        }
    }
}
