package dev.jdbcguard.driver.metrics;

/**
 * What the connection-cap code reports about one target, so the gauges
 * {@code jdbcguard.connections.open|waiting|max} follow it. Each call is one atomic update.
 * Calls must pair: one {@link #connectionClosed()} per {@link #connectionOpened()}, one
 * {@link #waitEnded()} per {@link #waitStarted()}, on every path (including failures).
 */
public interface ConnectionGauges {

    /** A physical connection through the guard is open. */
    void connectionOpened();

    /** A connection reported by {@link #connectionOpened()} is closed, aborted or lost. */
    void connectionClosed();

    /** A caller started waiting for a permit because the target is at its cap. */
    void waitStarted();

    /** A caller reported by {@link #waitStarted()} got a permit, timed out or was interrupted. */
    void waitEnded();

    /** The cap in force for this target; 0 when there is none. Changes when the rules are reloaded. */
    void capacity(int maxConnections);
}
