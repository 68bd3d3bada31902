package dev.jdbcguard.driver.plan;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Parameters of {@code query.unindexed} and {@code query.bad-index}.
 *
 * @param detect       which detector runs
 * @param minRows      scans EXPLAIN estimates at fewer rows than this are exempt (small lookup tables
 *                     are scanned on purpose); needs a plan, so it cannot exempt anything while only
 *                     the status flags are known
 * @param ignoreTables tables never reported; matched case-insensitively by name, with or without a
 *                     schema prefix ({@code orders} also covers {@code shop.orders})
 * @param planWait     how long the first execution of a new fingerprint waits for its EXPLAIN before
 *                     it is sent; zero never waits. Set it when the action is {@code block}, so that
 *                     even the first execution can be refused before it runs
 */
public record UnindexedSettings(Detect detect, long minRows, Set<String> ignoreTables, Duration planWait) {

    public UnindexedSettings {
        Objects.requireNonNull(detect, "detect");
        Objects.requireNonNull(planWait, "planWait");
        if (minRows < 0) {
            throw new IllegalArgumentException("minRows must be >= 0, was " + minRows);
        }
        if (planWait.isNegative()) {
            throw new IllegalArgumentException("planWait must be >= 0, was " + planWait);
        }
        ignoreTables = ignoreTables.stream()
                .map(t -> t.trim().replace("`", "").toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** True when {@code table} (lower-case, maybe {@code db.table}) is listed. Allocation-free. */
    boolean ignores(String table) {
        if (ignoreTables.isEmpty()) {
            return false;
        }
        for (String ignored : ignoreTables) {
            if (table.equals(ignored)) {
                return true;
            }
            int prefix = table.length() - ignored.length() - 1;
            if (prefix > 0 && table.charAt(prefix) == '.' && table.endsWith(ignored)) {
                return true;
            }
        }
        return false;
    }

    /** True when a scan is exempt: its table is ignored or EXPLAIN estimates it under {@link #minRows}. */
    boolean exempts(TableScan scan) {
        return scan.rows() < minRows || ignores(scan.table());
    }
}
