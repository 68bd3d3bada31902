package dev.jdbcguard.rules.lint;

/**
 * The one JSON concern of the command-line reports ({@code lint}, the driver's {@code check}): string escaping per
 * RFC 8259. The reports are fixed, flat shapes written by hand; a JSON library would add a dependency to the shaded
 * driver jar for this alone.
 */
public final class Json {

    private Json() {
    }

    /** {@code value} as a JSON string literal, quotes included; {@code null} as {@code null}. */
    public static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
