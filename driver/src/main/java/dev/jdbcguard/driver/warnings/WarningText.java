package dev.jdbcguard.driver.warnings;

/**
 * Renders a {@link Detection} as the one line users see in logs, {@code getWarnings()} and
 * exception messages. The format is documented in {@code package-info.java}; it is kept in one
 * place so the log line and the {@code SQLWarning} cannot drift apart.
 */
final class WarningText {

    static final String PREFIX = "[jdbc-guard] ";
    /** Longer fingerprints are cut here: the line must stay one readable line. */
    static final int MAX_FINGERPRINT_CHARS = 200;

    private WarningText() {
    }

    /** {@code [jdbc-guard] <rule-id>: <body>}, the message of a {@link GuardViolationException}. */
    static String exceptionMessage(Detection finding) {
        return PREFIX + finding.ruleId() + ": " + body(finding);
    }

    /**
     * {@code [jdbc-guard] <rule-id> <LABEL>: <body>[ at <frame>][ (+N suppressed)]}.
     *
     * @param frame      the first application frame, or {@code null} when not looked up or not found
     * @param suppressed repeats not logged since the previous line for the same rule and fingerprint
     */
    static String line(Detection finding, String label, String frame, long suppressed) {
        StringBuilder text = new StringBuilder(160)
                .append(PREFIX).append(finding.ruleId()).append(' ').append(label).append(": ")
                .append(body(finding));
        if (label.equals(WarningReporter.WOULD_BLOCK)) {
            text.append(" Observe mode: this would have been blocked; it ran.");
        }
        if (frame != null) {
            text.append(" at ").append(oneLine(frame));
        }
        if (suppressed > 0) {
            text.append(" (+").append(suppressed).append(" suppressed)");
        }
        return text.toString();
    }

    /** The catalog's fix followed by what a detector adds for one occurrence: {@code <fix>. Here: <hint>}. */
    static String withHint(String fix, String hint) {
        return sentence(fix) + ". Here: " + hint;
    }

    /** {@code <what> — <why>. Fix: <fix>.[ fingerprint="<fingerprint>"]}, scrubbed of secrets. */
    private static String body(Detection finding) {
        StringBuilder text = new StringBuilder(128)
                .append(sentence(finding.what())).append(" — ").append(sentence(finding.why()))
                .append(". Fix: ").append(sentence(finding.fix())).append('.');
        if (finding.fingerprint() != null) {
            String fingerprint = oneLine(finding.fingerprint());
            if (fingerprint.length() > MAX_FINGERPRINT_CHARS) {
                fingerprint = fingerprint.substring(0, MAX_FINGERPRINT_CHARS) + "…";
            }
            text.append(" fingerprint=\"").append(fingerprint.replace("\"", "\\\"")).append('"');
        }
        return Redaction.redact(text.toString());
    }

    /** The part as one line, without the trailing full stop the format adds itself. */
    private static String sentence(String part) {
        String text = oneLine(part).strip();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '.') {
            end--;
        }
        return text.substring(0, end);
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }
}
