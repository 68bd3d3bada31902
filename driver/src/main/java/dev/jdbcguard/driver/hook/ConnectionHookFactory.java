package dev.jdbcguard.driver.hook;

import java.sql.SQLException;

/**
 * Creates the {@link ConnectionHook} of each connection. A {@link dev.jdbcguard.GuardDriver} or
 * {@link dev.jdbcguard.GuardDataSource} holds exactly one factory for its whole life.
 */
@FunctionalInterface
public interface ConnectionHookFactory {

    /** The factory whose hooks do nothing: a guarded connection then behaves like the target's. */
    ConnectionHookFactory NONE = request -> ConnectionHook.NONE;

    /**
     * Called before the target driver is asked to connect. The factory may inspect and change
     * {@code request.properties()}, or refuse the connection by throwing (nothing is then opened and
     * no other method of any hook is called for it). Once this returns a hook, the guard calls
     * exactly one of {@link ConnectionHook#connectFailed} or {@link ConnectionHook#closed} on it.
     *
     * @throws SQLException to refuse the connection; it reaches the caller of {@code connect} unchanged
     */
    ConnectionHook open(ConnectRequest request) throws SQLException;
}
