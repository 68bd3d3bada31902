package dev.jdbcguard;

import java.util.Objects;

/**
 * One statement that ran through the guard.
 *
 * @param kind         what the statement does
 * @param fingerprint  the statement with its literals as {@code ?}, never the raw SQL
 * @param target       the redacted target, {@code user@host:port/database}
 * @param elapsedNanos from the call into the target driver to its return
 * @param batched      how many statements the call ran: 1, or the size of an {@code executeBatch}
 * @param failed       whether the target driver threw
 */
public record StatementEvent(Kind kind, String fingerprint, String target, long elapsedNanos, int batched,
                             boolean failed) {

    public StatementEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(target, "target");
    }

    /** The families statement budgets count by. */
    public enum Kind { SELECT, INSERT, UPDATE, DELETE, OTHER }
}
