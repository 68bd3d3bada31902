package dev.jdbcguard.driver.plan;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the guard knows about one fingerprint's plan. Cached per fingerprint by {@link ExplainService}. */
sealed interface PlanVerdict permits PlanVerdict.Explained, PlanVerdict.Unexplained, PlanVerdict.Pending {

    /**
     * The server's EXPLAIN ran.
     *
     * @param scans  the scans it showed, worst (most rows) first; empty when every table is reached
     *               through an index
     * @param tables how many table rows the plan had (0 for "no tables used" or an impossible WHERE)
     */
    record Explained(List<TableScan> scans, int tables) implements PlanVerdict {
        public Explained {
            scans = List.copyOf(scans);
        }
    }

    /**
     * No plan, and the reason, e.g. placeholders without values or the server refusing the EXPLAIN.
     * The status flags are then the only detector.
     */
    record Unexplained(String reason) implements PlanVerdict {
    }

    /**
     * The EXPLAIN is queued or running. Completes with the verdict that replaces it in the cache.
     */
    final class Pending implements PlanVerdict {
        private final CompletableFuture<PlanVerdict> done = new CompletableFuture<>();
        private final AtomicBoolean claimed = new AtomicBoolean();
        private volatile boolean noIndexFlagged;
        private volatile boolean noGoodIndexFlagged;

        Pending() {
        }

        /** True for exactly one caller: the one that will act when the EXPLAIN is done. */
        boolean claim() {
            return !claimed.get() && claimed.compareAndSet(false, true);
        }

        /** Records the server's status flags of an execution that ran while the EXPLAIN was pending. */
        void flag(boolean noIndexUsed, boolean noGoodIndexUsed) {
            noIndexFlagged |= noIndexUsed;
            noGoodIndexFlagged |= noGoodIndexUsed;
        }

        boolean flagged() {
            return noIndexFlagged || noGoodIndexFlagged;
        }

        boolean noIndexFlagged() {
            return noIndexFlagged;
        }

        boolean noGoodIndexFlagged() {
            return noGoodIndexFlagged;
        }

        CompletableFuture<PlanVerdict> done() {
            return done;
        }

        void complete(PlanVerdict verdict) {
            done.complete(verdict);
        }

        /** Waits up to {@code nanos} for the verdict; returns this pending verdict on timeout or interrupt. */
        PlanVerdict await(long nanos) {
            try {
                return done.get(nanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return this;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return this;
            }
        }
    }
}
