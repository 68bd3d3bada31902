package dev.jdbcguard.driver.proxy;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The root of every proxy: the delegate, the {@link Wrapper} contract and identity.
 *
 * <p>{@code unwrap} and {@code isWrapperFor} reach the target driver's object first (so
 * {@code unwrap(JdbcConnection.class)} returns Connector/J's own connection), then the proxy's
 * own types, then whatever the target object itself wraps. Two proxies are equal when they wrap
 * the same object.
 *
 * @param <D> the JDBC interface wrapped
 */
public abstract class GuardWrapper<D extends Wrapper> implements Wrapper {

    /** The target driver's object. Generated subclasses call every method the guard does not act on directly on it. */
    protected final D delegate;

    protected GuardWrapper(D delegate) {
        this.delegate = delegate;
    }

    @Override
    public final <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return delegate.unwrap(iface);
    }

    @Override
    public final boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(delegate) || iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    /**
     * Turns a JDBC object returned by a method the guard does not otherwise act on (mostly vendor
     * methods and {@code DatabaseMetaData} queries) into its proxy, so no raw object escapes.
     * Generated subclasses call it; cost: a few {@code instanceof} checks.
     */
    protected abstract Object guardReturned(Object raw) throws SQLException;

    @Override
    public final boolean equals(Object other) {
        return other == this || other instanceof GuardWrapper<?> proxy && proxy.delegate == delegate;
    }

    @Override
    public final int hashCode() {
        return System.identityHashCode(delegate);
    }

    @Override
    public final String toString() {
        return "jdbc-guard:" + delegate;
    }
}
