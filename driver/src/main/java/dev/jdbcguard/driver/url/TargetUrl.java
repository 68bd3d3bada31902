package dev.jdbcguard.driver.url;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The target driver's URL ({@code jdbc:mysql://...}, guard settings removed), its query read once per connect, and
 * the one place that says how each target driver reads its settings. Everything in the guard that needs a setting
 * of the target driver (the user for the cap, {@code sslMode} for TLS, Connector/J's {@code queryInterceptors}) asks
 * {@link #setting}, so that the guard sees what the driver will see.
 *
 * <p>The key rules, checked against the drivers themselves (Connector/J 9.7 through its own {@code ConnectionUrl},
 * MariaDB Connector/J 3.5 through its {@code Configuration.parse}):
 * <ul>
 *   <li><b>Connector/J</b>: option keys are exact ({@code sslmode=DISABLED} is ignored, the mode stays
 *       {@code PREFERRED}), except the connection keys {@code user}, {@code password}, {@code host}, {@code port}
 *       and {@code dbname}, which it folds ({@code USER=} is the user); the {@code Properties} override the URL's
 *       query; of a key given twice in the query the last counts.</li>
 *   <li><b>MariaDB Connector/J</b>: every key folds ({@code SSLMODE=trust} is {@code sslMode}); the URL's query
 *       overrides the {@code Properties}; the last of a repeated key counts.</li>
 *   <li><b>Another driver</b>: its rules are not ours to guess; only the {@code Properties} are read, exactly.</li>
 * </ul>
 * Connector/J's host sections ({@code (host=h,user=u)}, {@code address=(...)}) are not read here: they are kept, as
 * written, in the target's identity (see {@link Target}).
 *
 * @param url        the URL the target driver receives
 * @param family     whose key rules apply
 * @param parameters the query's {@code key=value} pairs in order, values still percent-encoded
 */
public record TargetUrl(String url, Family family, List<Parameter> parameters) {

    /** The drivers whose settings the guard reads, by their rules. */
    public enum Family {
        CONNECTOR_J, MARIADB, OTHER;

        static Family of(String url) {
            if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mysql+srv:")) {
                return CONNECTOR_J;
            }
            return url.startsWith("jdbc:mariadb:") ? MARIADB : OTHER;
        }
    }

    /**
     * One {@code key=value} of a query string.
     *
     * @param key      as written
     * @param rawValue as written (percent-encoded); empty for a bare {@code key}
     * @param bare     written without {@code =}
     */
    public record Parameter(String key, String rawValue, boolean bare) {

        /** The decoded value; a malformed encoding is a connect error naming the key (never the value: it may be a secret). */
        public String value() throws SQLNonTransientConnectionException {
            try {
                return URLDecoder.decode(rawValue, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new SQLNonTransientConnectionException("[jdbc-guard] the value of " + key
                        + " in the URL is not valid percent-encoding", "08001");
            }
        }

        /** {@code key=value} or {@code key}, as written. */
        String text() {
            return bare ? key : key + "=" + rawValue;
        }
    }

    /** Connector/J's connection keys, the only ones it matches ignoring case. */
    private static final List<String> CONNECTOR_J_FOLDED = List.of("user", "password", "host", "port", "dbname");

    public TargetUrl {
        parameters = List.copyOf(parameters);
    }

    /** Reads the query of a target driver's URL; costs one scan of the URL, on connect only. */
    public static TargetUrl of(String url) {
        int query = url.indexOf('?');
        return new TargetUrl(url, Family.of(url), query < 0 ? List.of() : split(url.substring(query + 1)));
    }

    /**
     * The pieces of a query string ({@code a=1&b&c=}) in order, as written: an empty piece in the middle
     * ({@code a=1&&b}) is kept (as a bare empty key, which no setting matches), so that the query can be written back
     * character for character; an empty last piece ({@code a=1&}) is dropped.
     */
    static List<Parameter> split(String query) {
        List<Parameter> parameters = new ArrayList<>();
        int start = 0;
        while (start < query.length()) {
            int end = query.indexOf('&', start);
            if (end < 0) {
                end = query.length();
            }
            int equals = query.indexOf('=', start);
            parameters.add(equals < 0 || equals > end
                    ? new Parameter(query.substring(start, end), "", true)
                    : new Parameter(query.substring(start, equals), query.substring(equals + 1, end), false));
            start = end + 1;
        }
        return parameters;
    }

    /**
     * One setting of the target driver as it will read it.
     *
     * @param key     the key as the user wrote it ({@code SSLMODE}, for a message that points at it)
     * @param value   decoded
     * @param fromUrl it came from the URL's query, not from the {@code Properties}
     */
    public record Setting(String key, String value, boolean fromUrl) {
    }

    /**
     * The setting the target driver will use for {@code key} (spelt as its documentation spells it, e.g.
     * {@code sslMode}), from this URL's query and {@code info}, by the driver's key rules and precedence; null when
     * neither sets it.
     *
     * @throws SQLNonTransientConnectionException when the winning value in the URL is badly percent-encoded
     */
    public Setting setting(String key, Properties info) throws SQLNonTransientConnectionException {
        boolean fold = family == Family.MARIADB
                || family == Family.CONNECTOR_J && CONNECTOR_J_FOLDED.contains(key.toLowerCase(Locale.ROOT));
        Setting fromProperties = property(key, info, fold);
        if (family == Family.OTHER) {
            return fromProperties;
        }
        Parameter fromUrl = null;
        for (Parameter parameter : parameters) {
            if (fold ? parameter.key().equalsIgnoreCase(key) : parameter.key().equals(key)) {
                fromUrl = parameter; // the last one counts, for both drivers
            }
        }
        if (fromUrl == null || family == Family.CONNECTOR_J && fromProperties != null) {
            return fromProperties;
        }
        return new Setting(fromUrl.key(), fromUrl.value(), true);
    }

    private static Setting property(String key, Properties info, boolean fold) {
        if (info == null) {
            return null;
        }
        if (!fold) {
            String value = info.getProperty(key);
            return value == null ? null : new Setting(key, value, false);
        }
        for (String name : info.stringPropertyNames()) {
            if (name.equalsIgnoreCase(key)) {
                return new Setting(name, info.getProperty(name), false);
            }
        }
        return null;
    }
}
