package dev.jdbcguard.driver.warnings;

/**
 * The one owner of secret redaction: what of a JDBC URL or a message text may appear in a log line,
 * a warning, an exception message or a metric. Every URL the guard prints goes through
 * {@link #redact(String)}; every rendered finding goes through it again as a last line of defence
 * (the first line is upstream: a {@link Detection} is built from fingerprints and parts, never from raw
 * URLs or properties).
 *
 * <p>What is masked (replaced by {@value #MASK}, never shortened or hashed, so nothing of the secret
 * survives):
 * <ul>
 *   <li>the value after a <em>secret key</em>: a name ({@code [A-Za-z0-9_.-]+}) containing
 *       {@code pass}, {@code pwd}, {@code secret}, {@code token} or {@code credential}, any case
 *       ({@code password}, {@code password1..3}, {@code PWD}, {@code clientSecret},
 *       {@code trustCertificateKeyStorePassword}, MariaDB's {@code keyStorePassword}...), followed by
 *       {@code =} or {@code :} with optional blanks: URL parameters ({@code ?&;}), Connector/J host
 *       sections ({@code (host=db,password=...)}, {@code address=(password=...)}) and
 *       {@code key: value} in prose. A quoted value is masked up to its closing quote (or the end);
 *       an unquoted one up to a blank or one of {@code & ; , ( ) " '}. Inside a URL authority only
 *       {@code =} counts, so a host named {@code tokens:3306} is not mistaken for a key;</li>
 *   <li>the password in a URL's user info, {@code //user:password@host}, after every {@code //}: from
 *       the first {@code :} to the last {@code @} of the authority, since a password may hold
 *       {@code @}.</li>
 * </ul>
 * Not recognised: secrets under other names, and unencoded blanks inside an unquoted value.
 *
 * <p>Cost: one pass over the text with a few {@code regionMatches} per word; no regex, no
 * lower-cased copy; allocates only when it finds something to mask. Cheap enough for every rendered
 * warning; URLs are redacted only on connect and error paths, never per statement.
 */
public final class Redaction {

    /** What a secret value is replaced by. */
    public static final String MASK = "***";

    /** A key is secret when its name contains one of these, ignoring case. */
    private static final String[] SECRET_WORDS = {"pass", "pwd", "secret", "token", "credential"};
    private static final String VALUE_DELIMITERS = "&;,()\"'";
    /** Where a URL's query, path or fragment begins, or the text around the URL resumes. */
    private static final String AUTHORITY_END = "/?#";
    /** What may precede a login-password parameter: a query, a parameter or a host section. */
    private static final String PARAMETER_START = "?&;(,";

    private Redaction() {
    }

    /**
     * {@code text} (a URL or any message) with every secret value replaced by {@value #MASK};
     * {@code text} itself when there is none; {@code null} stays {@code null}.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        int copiedUpTo = 0;
        int authorityEnd = -1;
        int i = 0;
        while (i < text.length()) {
            long secret = -1;
            int next;
            if (text.startsWith("//", i)) {
                authorityEnd = authorityEnd(text, i + 2);
                secret = userInfoPassword(text, i + 2, authorityEnd);
                next = i + 2;
            } else if (isNameChar(text.charAt(i))) {
                next = nameEnd(text, i);
                if (isSecretKey(text, i, next)) {
                    secret = valueAfter(text, next, next <= authorityEnd);
                }
            } else {
                next = i + 1;
            }
            if (secret >= 0) {
                int valueStart = (int) (secret >>> 32);
                int valueEnd = (int) secret;
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copiedUpTo, valueStart).append(MASK);
                copiedUpTo = valueEnd;
                next = valueEnd;
            }
            i = next;
        }
        return out == null ? text : out.append(text, copiedUpTo, text.length()).toString();
    }

    /**
     * Whether the URL carries a login password: {@code password=} (or Connector/J's
     * {@code password1..3=}) as a parameter or in a host section, or {@code user:password@host}.
     * Keystore passwords do not count: they are not the account's credentials. An empty password
     * is none.
     */
    public static boolean hasPassword(String url) {
        if (url == null) {
            return false;
        }
        for (int i = url.indexOf("//"); i >= 0; i = url.indexOf("//", i + 2)) {
            if (userInfoPassword(url, i + 2, authorityEnd(url, i + 2)) >= 0) {
                return true;
            }
        }
        for (int i = 0; i < url.length(); i++) {
            if (PARAMETER_START.indexOf(url.charAt(i)) >= 0) {
                int key = skipBlanks(url, i + 1);
                int end = nameEnd(url, key);
                if (isLoginPasswordKey(url, key, end)) {
                    int equals = skipBlanks(url, end);
                    if (equals < url.length() && url.charAt(equals) == '=') {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code password}, {@code password1}, {@code password2} or {@code password3}, any case. */
    private static boolean isLoginPasswordKey(String s, int start, int end) {
        int length = end - start;
        return s.regionMatches(true, start, "password", 0, 8)
                && (length == 8 || length == 9 && s.charAt(end - 1) >= '1' && s.charAt(end - 1) <= '3');
    }

    private static boolean isSecretKey(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            for (String word : SECRET_WORDS) {
                if (i + word.length() <= end && s.regionMatches(true, i, word, 0, word.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The value after a secret key ending at {@code keyEnd}, as {@code start << 32 | end}; -1 when no
     * {@code =} (or, outside an authority, {@code :}) follows or the value is empty.
     */
    private static long valueAfter(String s, int keyEnd, boolean inAuthority) {
        int separator = skipBlanks(s, keyEnd);
        if (separator >= s.length() || !(s.charAt(separator) == '=' || s.charAt(separator) == ':' && !inAuthority)) {
            return -1;
        }
        int start = skipBlanks(s, separator + 1);
        if (start < s.length() && (s.charAt(start) == '\'' || s.charAt(start) == '"')) {
            int close = s.indexOf(s.charAt(start), start + 1);
            return span(start + 1, close < 0 ? s.length() : close);
        }
        int end = start;
        while (end < s.length() && !isBlank(s.charAt(end)) && VALUE_DELIMITERS.indexOf(s.charAt(end)) < 0) {
            end++;
        }
        return span(start, end);
    }

    /** In {@code //user:secret@host}, the span of {@code secret}; -1 when the authority has none. */
    private static long userInfoPassword(String s, int authorityStart, int authorityEnd) {
        int colon = s.indexOf(':', authorityStart);
        int at = s.lastIndexOf('@', authorityEnd - 1);
        return colon >= 0 && at >= authorityStart ? span(colon + 1, at) : -1;
    }

    private static int authorityEnd(String s, int from) {
        int end = from;
        while (end < s.length() && !isBlank(s.charAt(end)) && AUTHORITY_END.indexOf(s.charAt(end)) < 0) {
            end++;
        }
        return end;
    }

    /** {@code start << 32 | end}, or -1 when the value is empty. */
    private static long span(int start, int end) {
        return end > start ? (long) start << 32 | end : -1;
    }

    private static int nameEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isNameChar(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
    }

    private static int skipBlanks(String s, int from) {
        int j = from;
        while (j < s.length() && isBlank(s.charAt(j))) {
            j++;
        }
        return j;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
