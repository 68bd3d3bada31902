package dev.jdbcguard.testdb;

import dev.jdbcguard.testdb.TestDatabase.Credentials;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The value of {@value #VARIABLE}: an external server the tests may use, credentials included.
 *
 * <p>Accepted form: {@code jdbc:mysql://[user[:password]@]host[:port]/database[?user=...&password=...]}.
 * The login must be allowed to drop and recreate {@code database} and to create logins. Anything else
 * (another scheme, several hosts, a bad port, a missing database or user, other parameters, which the
 * harness would otherwise silently drop) is refused with a message that names the problem and never
 * shows the password.
 *
 * @param admin the login from the URL, used as {@link TestDatabase#admin()}
 */
record ExternalServerUrl(String host, int port, String database, Credentials admin) {

    static final String VARIABLE = "JDBC_GUARD_TEST_URL";
    private static final String PREFIX = "jdbc:mysql://";
    private static final int DEFAULT_PORT = 3306;
    private static final Set<String> KNOWN_PARAMETERS = Set.of("user", "password");
    private static final String FORM = PREFIX + "[user[:password]@]host[:port]/database[?user=...&password=...]";

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException naming the variable, the problem and the expected form
     */
    static ExternalServerUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("is empty", "");
        }
        String trimmed = url.strip();
        if (!trimmed.startsWith(PREFIX)) {
            throw invalid("must start with " + PREFIX, trimmed);
        }
        String rest = trimmed.substring(PREFIX.length());
        int query = rest.indexOf('?');
        Map<String, String> parameters = parameters(query < 0 ? "" : rest.substring(query + 1), trimmed);
        String authorityAndPath = query < 0 ? rest : rest.substring(0, query);
        int slash = authorityAndPath.indexOf('/');
        if (slash < 0 || slash == authorityAndPath.length() - 1) {
            throw invalid("names no database (expected .../database)", trimmed);
        }
        String database = authorityAndPath.substring(slash + 1);
        if (database.contains("/") || !database.matches("[A-Za-z0-9_$]+")) {
            throw invalid("has an unusable database name '" + database + "' (letters, digits, _ and $ only)", trimmed);
        }
        String authority = authorityAndPath.substring(0, slash);
        String user = parameters.get("user");
        String password = parameters.getOrDefault("password", "");
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), trimmed);
            if (colon >= 0) {
                password = decode(userInfo.substring(colon + 1), trimmed);
            }
        }
        if (authority.contains(",") || authority.startsWith("(") || authority.startsWith("address=")) {
            throw invalid("names several hosts or a host specification; give exactly one host[:port]", trimmed);
        }
        if (authority.isEmpty()) {
            throw invalid("names no host", trimmed);
        }
        String host = authority;
        int port = DEFAULT_PORT;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            port = port(authority.substring(colon + 1), trimmed);
        }
        if (host.isEmpty()) {
            throw invalid("names no host", trimmed);
        }
        if (user == null || user.isEmpty()) {
            throw invalid("names no user (put it before the host as user:password@ or add ?user=...)", trimmed);
        }
        return new ExternalServerUrl(host, port, database, new Credentials(user, password));
    }

    private static Map<String, String> parameters(String query, String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (!KNOWN_PARAMETERS.contains(key)) {
                throw invalid("has the parameter '" + key + "', but only " + KNOWN_PARAMETERS
                        + " are read (the tests choose their own connection settings)", url);
            }
            parameters.put(key, equals < 0 ? "" : decode(pair.substring(equals + 1), url));
        }
        return parameters;
    }

    private static int port(String text, String url) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the URL, which says more than the parser's message.
        }
        throw invalid("has the port '" + text + "', which is not a number from 1 to 65535", url);
    }

    /** Percent-decoding only: a '+' in a password is a plus, not a space. */
    private static String decode(String text, String url) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("has a malformed %-escape in its user, password or parameters", url);
        }
    }

    private static IllegalArgumentException invalid(String problem, String url) {
        return new IllegalArgumentException(VARIABLE + " " + problem + ": '" + masked(url) + "'. Expected " + FORM);
    }

    /** The URL with any password replaced by ***, so error messages can be shown and logged. */
    static String masked(String url) {
        return url.replaceAll("(?<=://)([^:/@?]*):[^@/?]*@", "$1:***@")
                .replaceAll("(?<=[?&]password=)[^&]*", "***");
    }

    /** The URL this record stands for, password masked, for descriptions. */
    String display() {
        return PREFIX + admin.user() + ":***@" + host + ':' + port + '/' + database;
    }
}
