package dev.jdbcguard.rules.lint;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order a migration tool runs the files of a directory in, so that {@code lint}'s schema replay sees each
 * statement after the ones before it: Flyway versioned migrations ({@code V<version>__<description>.sql}) by
 * version, compared part by part as numbers ({@code V1_10} after {@code V1_9}, {@code V2} equal to
 * {@code V2.0}), then repeatable ones ({@code R__<description>.sql}) by description, as Flyway applies them after
 * the versioned ones; every other file after those, by path. Ties fall back to the path, so the order is total.
 */
final class MigrationOrder {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.*)");

    static final Comparator<Path> COMPARATOR = Comparator.comparingInt(MigrationOrder::group)
            .thenComparing(MigrationOrder::compareWithinGroup)
            .thenComparing(Comparator.naturalOrder());

    private MigrationOrder() {
    }

    private static int group(Path file) {
        String name = file.getFileName().toString();
        return VERSIONED.matcher(name).matches() ? 0 : REPEATABLE.matcher(name).matches() ? 1 : 2;
    }

    private static int compareWithinGroup(Path a, Path b) {
        String x = a.getFileName().toString();
        String y = b.getFileName().toString();
        Matcher mx = VERSIONED.matcher(x);
        Matcher my = VERSIONED.matcher(y);
        if (mx.matches() && my.matches()) {
            return compareVersions(mx.group(1).split("[._]"), my.group(1).split("[._]"));
        }
        Matcher rx = REPEATABLE.matcher(x);
        Matcher ry = REPEATABLE.matcher(y);
        if (rx.matches() && ry.matches()) {
            return rx.group(1).compareTo(ry.group(1));
        }
        return 0;
    }

    private static int compareVersions(String[] a, String[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            BigInteger x = i < a.length ? new BigInteger(a[i]) : BigInteger.ZERO;
            BigInteger y = i < b.length ? new BigInteger(b[i]) : BigInteger.ZERO;
            int order = x.compareTo(y);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
