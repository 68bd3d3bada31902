package dev.jdbcguard.driver.connections;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code max} holders at once for one scope (a target, or the whole JVM). Waiting callers
 * are served first come, first served (a fair {@link Semaphore}), so a burst cannot starve an early
 * caller. The cap can be changed while connections are open (rule reload): lowering it lets no one
 * new in until enough holders have left.
 *
 * <p>Cost: an uncontended enter is one CAS plus a set insert; only connect and close pay it.
 */
final class ConnectionGate {

    private final String scope;
    private final ResizableSemaphore permits;
    private final Set<Lease> holders = ConcurrentHashMap.newKeySet();
    private int max;

    ConnectionGate(String scope, int max) {
        this.scope = scope;
        this.max = max;
        this.permits = new ResizableSemaphore(max);
    }

    /** Changes the cap; holders above a lowered cap keep their connections. */
    synchronized void resize(int newMax) {
        int delta = newMax - max;
        if (delta > 0) {
            permits.release(delta);
        } else if (delta < 0) {
            permits.reduce(-delta);
        }
        max = newMax;
    }

    /** Waits fairly up to {@code nanos} for a place; {@code false} when the time ran out. */
    boolean tryEnter(long nanos) throws InterruptedException {
        return permits.tryAcquire(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    void register(Lease lease) {
        holders.add(lease);
    }

    /** Gives the place back; the caller guarantees once per successful {@link #tryEnter}. */
    void leave(Lease lease) {
        if (lease != null) {
            holders.remove(lease);
        }
        permits.release();
    }

    String scope() {
        return scope;
    }

    synchronized int max() {
        return max;
    }

    /** Connections currently holding a place. */
    int holders() {
        return holders.size();
    }

    /** Callers currently waiting for a place (an estimate, as {@link Semaphore#getQueueLength()}). */
    int waiting() {
        return permits.getQueueLength();
    }

    /** How long the longest-held connection has been held, in nanoseconds; 0 when none. O(holders). */
    long longestHeldNanos(long now) {
        long longest = 0;
        for (Lease lease : holders) {
            longest = Math.max(longest, now - lease.acquiredAtNanos());
        }
        return longest;
    }

    /** {@link Semaphore#reducePermits} is protected; a lowered cap needs it. */
    private static final class ResizableSemaphore extends Semaphore {
        private static final long serialVersionUID = 1L;

        ResizableSemaphore(int permits) {
            super(permits, true);
        }

        void reduce(int by) {
            reducePermits(by);
        }
    }
}
