package dev.jdbcguard.driver.connections;

import dev.jdbcguard.driver.warnings.Redaction;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLNonTransientConnectionException;
import java.util.Locale;
import java.util.Properties;

/**
 * What a connection cap counts against: one database account on one server. Never holds a password,
 * so {@link #toString()} is safe in messages, log lines and metric tags.
 *
 * <p>The user and database come from the {@code Properties} first, then the URL (its
 * {@code user=} parameter or {@code user@host}); a multi-host URL ({@code h1:3306,h2:3306}) keeps
 * the whole host list as {@link #host()} and port 0, so each cluster has its own gate. Connector/J's
 * {@code (host=...,key=value)} host sections are kept as written: a stable key, not a parsed one.
 */
public record Target(String host, int port, String user, String database) {

    private static final int MYSQL_PORT = 3306;

    /**
     * Parses {@code jdbc:<sub>://[user[:password]@]host[:port][,host...][/database][?params]}.
     * Costs a few string scans; called once per connect, never per statement.
     *
     * @throws SQLNonTransientConnectionException if the URL has no {@code //} authority part
     */
    public static Target of(String url, Properties info) throws SQLNonTransientConnectionException {
        int start = url.indexOf("//");
        if (start < 0) {
            throw new SQLNonTransientConnectionException("[jdbc-guard] cannot read host and database from the URL "
                    + Redaction.redact(url) + ": expected jdbc:<driver>://host[:port]/database", "08001");
        }
        int end = start + 2;
        while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != '?') {
            end++;
        }
        String authority = url.substring(start + 2, end);
        String userFromUrl = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            userFromUrl = colon < 0 ? userInfo : userInfo.substring(0, colon);
            authority = authority.substring(at + 1);
        }
        String database = "";
        int query = url.indexOf('?', end);
        if (end < url.length() && url.charAt(end) == '/') {
            database = url.substring(end + 1, query < 0 ? url.length() : query);
        }
        String userParam = query < 0 ? null : parameter(url.substring(query + 1), "user");
        String user = firstNonEmpty(info == null ? null : info.getProperty("user"), userParam, userFromUrl);

        String firstHost = authority.split(",", 2)[0];
        int port = MYSQL_PORT;
        String hostOnly = firstHost;
        int portColon = firstHost.lastIndexOf(':');
        if (portColon > firstHost.lastIndexOf(']')) {
            hostOnly = firstHost.substring(0, portColon);
            try {
                port = Integer.parseInt(firstHost.substring(portColon + 1));
            } catch (NumberFormatException e) {
                throw new SQLNonTransientConnectionException("[jdbc-guard] the port in " + Redaction.redact(url)
                        + " is not a number", "08001");
            }
        }
        if (authority.indexOf(',') >= 0) {
            return new Target(authority.toLowerCase(Locale.ROOT), 0, user, database); // each host names its own port
        }
        return new Target(hostOnly.toLowerCase(Locale.ROOT), port, user, database);
    }

    /**
     * The decoded value of one {@code name=value} parameter in a query string ({@code a=1&b=2}),
     * or {@code null} when absent. Names compare exactly, as Connector/J does.
     */
    private static String parameter(String query, String name) {
        for (String pair : query.split("[&;]")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
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
