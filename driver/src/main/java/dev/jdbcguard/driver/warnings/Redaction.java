package dev.jdbcguard.driver.warnings;

import java.util.Locale;

/**
 * Last line of defence against a secret reaching a log line, warning or exception: masks the value
 * after a secret-looking key ({@code password=}, {@code pwd:}, {@code token=}, ...) and the password
 * of a URL's user info ({@code //user:secret@host}).
 *
 * <p>The first line of defence is upstream: {@link Finding} is built from fingerprints and parts,
 * never from raw URLs or properties. Cost: one lower-casing and a few {@code indexOf} scans of the
 * text; it allocates only when it finds something to mask. Called when text is rendered, never on
 * a statement that produces no finding.
 */
final class Redaction {

    static final String MASK = "***";

    /** Keys whose value is masked; matched case-insensitively, as a suffix too (sslPassword). */
    private static final String[] SECRET_KEYS = {"password", "passwd", "pwd", "secret", "token"};
    private static final String VALUE_DELIMITERS = "&;, \t\r\n\"')";
    private static final String AUTHORITY_END = "/?# \t\r\n";

    private Redaction() {
    }

    /** {@code text} with every secret value replaced by {@value #MASK}; {@code text} itself if none. */
    static String scrub(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = null;
        int copiedUpTo = 0;
        for (int i = 0; i < lower.length(); i++) {
            long span = secretAt(lower, i);
            if (span < 0) {
                continue;
            }
            int valueStart = (int) (span >>> 32);
            int valueEnd = (int) span;
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copiedUpTo, valueStart).append(MASK);
            copiedUpTo = valueEnd;
            i = valueEnd - 1;
        }
        return out == null ? text : out.append(text, copiedUpTo, text.length()).toString();
    }

    /** The secret value found at {@code i} as {@code start << 32 | end}, or -1 when none starts there. */
    private static long secretAt(String lower, int i) {
        if (lower.startsWith("//", i)) {
            return userInfoPassword(lower, i + 2);
        }
        for (String key : SECRET_KEYS) {
            if (lower.startsWith(key, i)) {
                int j = skipSpaces(lower, i + key.length());
                if (j < lower.length() && (lower.charAt(j) == '=' || lower.charAt(j) == ':')) {
                    int start = skipSpaces(lower, j + 1);
                    if (start < lower.length() && (lower.charAt(start) == '\'' || lower.charAt(start) == '"')) {
                        int close = lower.indexOf(lower.charAt(start), start + 1);
                        return span(start + 1, close < 0 ? lower.length() : close);
                    }
                    int end = start;
                    while (end < lower.length() && VALUE_DELIMITERS.indexOf(lower.charAt(end)) < 0) {
                        end++;
                    }
                    return span(start, end);
                }
            }
        }
        return -1;
    }

    /** In {@code //user:secret@host}, the span of {@code secret}; -1 when the authority has none. */
    private static long userInfoPassword(String lower, int authorityStart) {
        int colon = -1;
        int at = -1;
        for (int j = authorityStart; j < lower.length() && AUTHORITY_END.indexOf(lower.charAt(j)) < 0; j++) {
            char c = lower.charAt(j);
            if (c == ':' && colon < 0) {
                colon = j;
            } else if (c == '@') {
                at = j;
            }
        }
        return colon >= 0 ? span(colon + 1, at) : -1;
    }

    /** {@code start << 32 | end}, or -1 when the value is empty. */
    private static long span(int start, int end) {
        return end > start ? (long) start << 32 | end : -1;
    }

    private static int skipSpaces(String s, int from) {
        int j = from;
        while (j < s.length() && s.charAt(j) == ' ') {
            j++;
        }
        return j;
    }
}
