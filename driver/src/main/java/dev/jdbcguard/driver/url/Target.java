package dev.jdbcguard.driver.url;

import dev.jdbcguard.driver.warnings.Redaction;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * What a connection cap counts against: one database account on one server. Never holds a password
 * (it is read from the URL after {@link Redaction#redact(String)}), so {@link #toString()} is safe in
 * messages, log lines and metric tags.
 *
 * <p>The user and database come from the {@code Properties} first, then the URL (its
 * {@code user=} parameter or {@code user@host}); a multi-host URL ({@code h1:3306,h2:3306}) keeps
 * the whole host list as {@link #host()} and port 0, so each cluster has its own gate. Connector/J's
 * {@code (host=...,key=value)} host sections are kept as written (secrets masked): a stable key, not
 * a parsed one.
 *
 * <p>A URL of another driver without a {@code //host} authority, or whose authority this class cannot
 * read ({@code jdbc:stub:bench}, {@code jdbc:sqlserver://h:1433;databaseName=x}), is an <em>opaque</em>
 * target: {@link #host()} is the whole URL with its secrets masked, port 0, database empty, user from
 * the {@code Properties}. It is capped, counted and named by that text.
 */
public record Target(String host, int port, String user, String database) {

    private static final int MYSQL_PORT = 3306;
    /**
     * Drivers whose URLs are always {@code //host} based (as {@code tls.DriverTlsSettings} reads them):
     * for these an unreadable URL is a mistake to report, not another driver's shape.
     */
    private static final String[] MYSQL_FAMILY = {"jdbc:mysql:", "jdbc:mysql+srv:", "jdbc:mariadb:"};

    // Written out, not generated: a record's generated equals/hashCode links through ObjectMethods.bootstrap at first
    // call, tens of milliseconds of a fresh JVM's start-up (issue 15), and this one is a map key on the first connect.
    @Override
    public boolean equals(Object other) {
        return other instanceof Target that && Objects.equals(host, that.host) && port == that.port
                && Objects.equals(user, that.user) && Objects.equals(database, that.database);
    }

    @Override
    public int hashCode() {
        return ((Objects.hashCode(host) * 31 + port) * 31 + Objects.hashCode(user)) * 31 + Objects.hashCode(database);
    }

    /**
     * Reads {@code jdbc:<sub>://[user[:password]@]host[:port][,host...][/database][?params]}; any other
     * driver's URL without a readable authority becomes an opaque target. Costs a redaction pass and a
     * few string scans; called on connect, never per statement.
     *
     * @param target the target driver's URL, {@code guard.*} parameters already removed
     * @throws SQLNonTransientConnectionException for a MySQL or MariaDB URL without a {@code //}
     *         authority, with a port that is not a number, or with a badly percent-encoded user
     */
    public static Target of(TargetUrl target, Properties info) throws SQLNonTransientConnectionException {
        String safe = Redaction.redact(target.url());
        boolean mysqlFamily = isMySqlFamily(safe);
        String propertyUser = info == null ? null : info.getProperty("user");
        int query = safe.indexOf('?');
        int start = safe.indexOf("//");
        if (start < 0 || query >= 0 && query < start) {
            if (mysqlFamily) {
                throw new SQLNonTransientConnectionException("[jdbc-guard] cannot read host and database from the URL "
                        + safe + ": expected jdbc:<driver>://host[:port]/database", "08001");
            }
            return opaque(safe, propertyUser);
        }
        int end = start + 2;
        while (end < safe.length() && safe.charAt(end) != '/' && safe.charAt(end) != '?') {
            end++;
        }
        String authority = safe.substring(start + 2, end);
        String userFromUrl = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            userFromUrl = colon < 0 ? userInfo : userInfo.substring(0, colon);
            authority = authority.substring(at + 1);
        }
        String database = "";
        query = safe.indexOf('?', end);
        if (end < safe.length() && safe.charAt(end) == '/') {
            database = safe.substring(end + 1, query < 0 ? safe.length() : query);
        }
        TargetUrl.Setting userSetting = target.setting("user", info);
        String user = firstNonEmpty(userSetting == null ? null : userSetting.value(), userFromUrl);

        String firstHost = authority.split(",", 2)[0];
        int port = mysqlFamily ? MYSQL_PORT : 0; // another driver's default port is not ours to guess
        String hostOnly = firstHost;
        int portColon = firstHost.lastIndexOf(':');
        if (portColon > firstHost.lastIndexOf(']')) {
            hostOnly = firstHost.substring(0, portColon);
            try {
                port = Integer.parseInt(firstHost.substring(portColon + 1));
            } catch (NumberFormatException e) {
                if (!mysqlFamily) {
                    return opaque(safe, propertyUser);
                }
                throw new SQLNonTransientConnectionException("[jdbc-guard] the port in " + safe
                        + " is not a number", "08001");
            }
        }
        if (authority.indexOf(',') >= 0) {
            return new Target(authority.toLowerCase(Locale.ROOT), 0, user, database); // each host names its own port
        }
        return new Target(hostOnly.toLowerCase(Locale.ROOT), port, user, database);
    }

    /** A wrapped DataSource's connections: no URL to read a host or database from, only the user of the properties. */
    public static Target dataSource(Properties info) {
        return new Target("(data source)", 0, info == null ? "" : info.getProperty("user", ""), "");
    }

    private static boolean isMySqlFamily(String url) {
        for (String scheme : MYSQL_FAMILY) {
            if (url.startsWith(scheme)) {
                return true;
            }
        }
        return false;
    }

    /** The whole (redacted) URL as the key, kept as written: another driver's URL may be case-sensitive. */
    private static Target opaque(String redactedUrl, String propertyUser) {
        return new Target(redactedUrl, 0, firstNonEmpty(propertyUser), "");
    }

    private static String firstNonEmpty(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isEmpty()) {
                return c;
            }
        }
        return "";
    }

    /**
     * True for {@code localhost}, 127.0.0.0/8 and {@code ::1} written as literals. Never resolves a
     * name through DNS: a name that happens to resolve to loopback is not trusted as one.
     */
    public boolean isLoopback() {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equals("localhost")) {
            return true;
        }
        if (!isIpLiteral(h)) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String h) {
        if (h.isEmpty()) {
            return false;
        }
        if (h.indexOf(':') >= 0) {
            return h.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        }
        return h.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /**
     * {@code user@host:port/database}, the form used in every message about this target; parts that
     * are unknown (port 0, no user or database) are left out.
     */
    @Override
    public String toString() {
        return (user.isEmpty() ? "" : user + "@") + host + (port > 0 ? ":" + port : "")
                + (database.isEmpty() ? "" : "/" + database);
    }
}
