package dev.jdbcguard.driver.connections;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what the guard prints: every URL or {@code Properties} that reaches a log
 * line, an exception message or a metric tag goes through {@link #redact(String)} or
 * {@link #redact(Properties)} first.
 *
 * <p>A key is secret when its name contains {@code pass}, {@code pwd}, {@code secret},
 * {@code token} or {@code credential} (case-insensitive): {@code password}, {@code password1..3},
 * {@code trustCertificateKeyStorePassword}, MariaDB's {@code keyStorePassword}... Values are
 * replaced, never shortened or hashed, so nothing of the secret survives. The userinfo password in
 * {@code user:password@host} is replaced too. Cost: one regex pass per call; only on connect and
 * error paths, never per statement.
 */
public final class UrlSecrets {

    /** What a secret value is replaced by. */
    public static final String MASK = "****";

    private static final String SECRET_KEY = "[A-Za-z0-9_.\\-]*(?:pass|pwd|secret|token|credential)[A-Za-z0-9_.\\-]*";
    /** key=value in a query ({@code ?&;}) or in Connector/J's {@code (k=v,k=v)} host sections. */
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)([?&;(,]\\s*)(" + SECRET_KEY + ")(\\s*=)([^&;(),]*)");
    /** {@code //user:password@}: greedy to the last '@' of the authority, a password may hold '@'. */
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(//[^/?@:]*:)[^/?]*@");
    private static final Pattern SECRET_KEY_NAME = Pattern.compile("(?i)" + SECRET_KEY);
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)[?&;(,]\\s*password[1-3]?\\s*=");

    private UrlSecrets() {
    }

    /** The URL with every secret value replaced by {@link #MASK}; {@code null} stays {@code null}. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String masked = USERINFO_PASSWORD.matcher(url).replaceFirst("$1" + Matcher.quoteReplacement(MASK) + "@");
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1$2$3" + Matcher.quoteReplacement(MASK));
    }

    /** A sorted copy of the properties, secret values replaced by {@link #MASK}. */
    public static Map<String, String> redact(Properties info) {
        Map<String, String> copy = new TreeMap<>();
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                copy.put(key, isSecretKey(key) ? MASK : info.getProperty(key));
            }
        }
        return copy;
    }

    /** Whether values under this property or parameter name are treated as secrets. */
    public static boolean isSecretKey(String key) {
        return SECRET_KEY_NAME.matcher(key).matches();
    }

    /**
     * Whether the URL carries a login password: {@code password=} (or Connector/J's
     * {@code password1..3=}) as a parameter or in a host section, or {@code user:password@host}.
     * Keystore passwords do not count: they are not the account's credentials.
     */
    public static boolean hasPassword(String url) {
        return url != null && (USERINFO_PASSWORD.matcher(url).find() || PASSWORD_PARAMETER.matcher(url).find());
    }

    /**
     * The decoded value of one {@code name=value} parameter in a query string ({@code a=1&b=2}),
     * or {@code null} when absent. Names compare exactly, as Connector/J does.
     */
    public static String parameter(String query, String name) {
        for (String pair : query.split("[&;]")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
