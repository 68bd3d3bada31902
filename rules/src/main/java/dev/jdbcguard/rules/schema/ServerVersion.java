package dev.jdbcguard.rules.schema;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server a schema change will run on, which decides how it runs ({@link OnlineDdl}).
 *
 * @param mariadb true for MariaDB, false for MySQL
 * @param major   e.g. 8 or 10
 * @param minor   e.g. 0 or 11
 * @param patch   e.g. 40; for a version given as {@code mariadb-10.11}, {@link Integer#MAX_VALUE} (its latest)
 */
public record ServerVersion(boolean mariadb, int major, int minor, int patch) {

    /** The default target: the latest MySQL 8.0. */
    public static final ServerVersion DEFAULT = new ServerVersion(false, 8, 0, Integer.MAX_VALUE);

    private static final Pattern MARIADB_PRODUCT = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)-MariaDB", Pattern.CASE_INSENSITIVE);
    private static final Pattern MYSQL_PRODUCT = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Pattern SPELLING = Pattern.compile("(mysql|mariadb)-(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /**
     * Parses {@code mysql-8.0.40}, {@code mysql-8.0} or {@code mariadb-10.11}.
     *
     * @throws IllegalArgumentException naming what is expected
     */
    public static ServerVersion parse(String text) {
        Matcher m = SPELLING.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("server must look like mysql-8.0.40 or mariadb-10.11, not '" + text + "'");
        }
        return new ServerVersion(m.group(1).equals("mariadb"), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                m.group(4) == null ? Integer.MAX_VALUE : Integer.parseInt(m.group(4)));
    }

    /**
     * The server that reports {@code productVersion} ({@link java.sql.DatabaseMetaData#getDatabaseProductVersion()}):
     * {@code 10.11.6-MariaDB-1:10.11.6+maria~deb12}, the {@code 5.5.5-10.11.6-MariaDB} MariaDB sends for old clients'
     * sake, or {@code 8.0.40} (MySQL, also with a suffix). Null when it names no version.
     */
    public static ServerVersion of(String productVersion) {
        if (productVersion == null) {
            return null;
        }
        Matcher maria = MARIADB_PRODUCT.matcher(productVersion);
        if (maria.find()) {
            return new ServerVersion(true, Integer.parseInt(maria.group(1)), Integer.parseInt(maria.group(2)),
                    Integer.parseInt(maria.group(3)));
        }
        Matcher mysql = MYSQL_PRODUCT.matcher(productVersion);
        return mysql.lookingAt() ? new ServerVersion(false, Integer.parseInt(mysql.group(1)), Integer.parseInt(mysql.group(2)),
                Integer.parseInt(mysql.group(3))) : null;
    }

    /** Whether this is at least {@code major.minor.patch} of its own flavour. */
    public boolean atLeast(int atLeastMajor, int atLeastMinor, int atLeastPatch) {
        if (major != atLeastMajor) {
            return major > atLeastMajor;
        }
        if (minor != atLeastMinor) {
            return minor > atLeastMinor;
        }
        return patch >= atLeastPatch;
    }

    @Override
    public String toString() {
        return (mariadb ? "MariaDB " : "MySQL ") + major + "." + minor + (patch == Integer.MAX_VALUE ? "" : "." + patch);
    }
}
