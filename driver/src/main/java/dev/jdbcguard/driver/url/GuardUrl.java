package dev.jdbcguard.driver.url;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A parsed {@code jdbc:guard:<target>:<rest>} URL: the target driver's URL
 * {@code jdbc:<target>:<rest>} with every {@code guard.*} parameter removed (the rest of the URL
 * kept character for character), and the guard's settings.
 *
 * @param target       the URL for the target driver, its query read
 * @param targetScheme {@code jdbc:<target>:}, the key under which the target driver is cached
 * @param properties   a private copy of the caller's properties without {@code guard.*} keys
 * @param settings     the guard settings from the URL and the properties
 */
public record GuardUrl(TargetUrl target, String targetScheme, Properties properties, GuardSettings settings) {

    /** Every URL the guard accepts starts with this. */
    public static final String PREFIX = "jdbc:guard:";

    private static final String FORMAT = "expected jdbc:guard:<target>:<target URL rest>, e.g. jdbc:guard:mysql://host:3306/db";

    /** The URL the target driver receives. */
    public String targetUrl() {
        return target.url();
    }

    /** True for every URL that starts with {@code jdbc:guard:}, and only those. */
    public static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    /**
     * Parses {@code url} and separates the guard settings from {@code info} (which is not changed).
     *
     * @throws SQLException naming the problem for a malformed URL or an unknown {@code guard.*} key
     */
    public static GuardUrl parse(String url, Properties info) throws SQLException {
        if (!accepts(url)) {
            throw malformed(url, "it does not start with " + PREFIX);
        }
        int targetEnd = url.indexOf(':', PREFIX.length());
        if (targetEnd < 0) {
            throw malformed(url, "no target driver is named");
        }
        String target = url.substring(PREFIX.length(), targetEnd);
        if (target.isEmpty() || !target.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw malformed(url, "'" + target + "' is not a target driver name");
        }
        if (target.equals("guard")) {
            throw malformed(url, "the guard cannot wrap itself");
        }
        if (targetEnd == url.length() - 1) {
            throw malformed(url, "nothing follows jdbc:guard:" + target + ":");
        }
        GuardSettings.Builder settings = new GuardSettings.Builder();
        String targetUrl = "jdbc:" + stripQuery(url.substring(PREFIX.length()), settings, url);
        Properties properties = copyWithoutGuardKeys(info, settings);
        return new GuardUrl(TargetUrl.of(targetUrl), "jdbc:" + target + ":", properties, settings.build());
    }

    /** Separates guard settings (any {@link Properties}) for a wrapped DataSource. */
    public static GuardSettings settingsOf(Properties info) throws SQLException {
        GuardSettings.Builder settings = new GuardSettings.Builder();
        copyWithoutGuardKeys(info, settings);
        return settings.build();
    }

    /** Removes {@code guard.*} parameters from the query string; every other character stays. */
    private static String stripQuery(String rest, GuardSettings.Builder settings, String url) throws SQLException {
        int query = rest.indexOf('?');
        if (query < 0) {
            return rest;
        }
        StringBuilder kept = new StringBuilder(rest.length()).append(rest, 0, query);
        char separator = '?';
        for (TargetUrl.Parameter parameter : TargetUrl.split(rest.substring(query + 1))) {
            if (GuardSetting.isGuardKey(parameter.key())) {
                settings.put(parameter.key(), decode(parameter.key(), parameter.rawValue(), url), "the URL " + withoutQuery(url));
            } else {
                kept.append(separator).append(parameter.text());
                separator = '&';
            }
        }
        return kept.toString();
    }

    private static String decode(String key, String value, String url) throws SQLException {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(url, "the value of " + key + " is not valid percent-encoding");
        }
    }

    private static Properties copyWithoutGuardKeys(Properties info, GuardSettings.Builder settings) throws SQLException {
        Properties copy = new Properties();
        if (info == null) {
            return copy;
        }
        for (String name : info.stringPropertyNames()) {
            if (GuardSetting.isGuardKey(name)) {
                settings.put(name, info.getProperty(name), "the connection Properties");
            } else {
                copy.setProperty(name, info.getProperty(name));
            }
        }
        info.forEach((key, value) -> {
            if (!(key instanceof String) || !(value instanceof String)) {
                copy.put(key, value);
            }
        });
        return copy;
    }

    private static SQLException malformed(String url, String why) {
        return new SQLException("[jdbc-guard] malformed URL '" + withoutQuery(url) + "': " + why + "; " + FORMAT, "08001");
    }

    /** URLs may carry passwords in their parameters: messages show only what precedes the query. */
    private static String withoutQuery(String url) {
        if (url == null) {
            return "null";
        }
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }
}
