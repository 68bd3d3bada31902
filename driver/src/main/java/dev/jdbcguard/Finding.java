package dev.jdbcguard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One rule that fired, as {@link FindingListener}s receive it. Immutable; no field holds a password, a raw URL or
 * the raw SQL (statements appear as fingerprints).
 *
 * @param ruleId      the dotted rule id, e.g. {@code dml.no-where}
 * @param action      what the guard did
 * @param message     the one line the log and the {@code SQLWarning}/exception carry, starting {@code [jdbc-guard]}
 * @param fix         how to fix it, from the rule catalog
 * @param fingerprint the statement with literals as {@code ?}, or {@code null} for a connection finding
 * @param tables      the tables the statement names, possibly empty
 * @param target      the redacted target, {@code user@host:port/database}
 * @param caller      the application frame, {@code Class.method(File.java:line)}, or {@code null} when none was found
 * @param at          when the finding was made
 * @param evidence    what the rule measured
 */
public record Finding(String ruleId, Action action, String message, String fix, String fingerprint,
                      List<String> tables, String target, String caller, Instant at, Evidence evidence) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        tables = List.copyOf(tables);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** What the guard did about a finding. */
    public enum Action {
        /** The call went on; the finding was logged and added to the JDBC warning chain. */
        WARN,
        /** The call was refused with a {@code GuardViolationException}. */
        BLOCK,
        /** Observe mode: the rule says block, the call went on, and the finding says it would have been refused. */
        WOULD_BLOCK
    }

    /** What a rule measured, beyond the statement itself. */
    public sealed interface Evidence {

        /** The rule judged the statement's words alone. */
        record None() implements Evidence {
        }

        /** One row of an EXPLAIN. */
        record PlanRow(String table, String accessType, String possibleKeys, String key, long rows, String extra) {
        }

        /** The plan (or the server's no-index flags, with no rows) that showed a scan. */
        record Plan(List<PlanRow> rows, boolean fromServerFlags) implements Evidence {
            public Plan {
                rows = List.copyOf(rows);
            }
        }

        /** A duration over its threshold: {@code query.slow}, {@code tx.long}, leaks and lifetimes. */
        record Timing(Duration elapsed, Duration threshold) implements Evidence {
        }

        /** A repeat count within a window: {@code query.n-plus-one}, {@code conn.churn}. */
        record Repeats(long count, Duration window) implements Evidence {
        }

        /** Rows read over a limit: {@code query.large-result}. */
        record Rows(long rows, long limit) implements Evidence {
        }

        /** Connections open against a cap: {@code conn.cap}. */
        record Connections(long open, long limit) implements Evidence {
        }

        Evidence NONE = new None();
    }
}
