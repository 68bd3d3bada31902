package dev.jdbcguard.driver.proxy;

import dev.jdbcguard.driver.hook.WarningSink;
import java.sql.SQLWarning;
import java.sql.Wrapper;

/**
 * A proxy whose {@code getWarnings()} chain the guard extends (connections and statements). The
 * generated subclass implements {@code getWarnings()} as the delegate's chain passed through
 * {@link #withGuardWarnings}, and {@code clearWarnings()} as the delegate's followed by
 * {@link #clearGuardWarnings}.
 *
 * @param <D> the JDBC interface wrapped
 */
public abstract class GuardWarningSource<D extends Wrapper> extends GuardWrapper<D> implements WarningSink {

    private final WarningChain warnings = new WarningChain();

    protected GuardWarningSource(D delegate) {
        super(delegate);
    }

    @Override
    public final void addWarning(SQLWarning warning) {
        warnings.add(warning);
    }

    /** The target driver's warnings followed by the guard's. */
    protected final SQLWarning withGuardWarnings(SQLWarning target) {
        return warnings.after(target);
    }

    protected final void clearGuardWarnings() {
        warnings.clear();
    }
}
