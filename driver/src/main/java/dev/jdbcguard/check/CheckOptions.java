package dev.jdbcguard.check;

import java.util.List;

/**
 * The parsed command line of {@code check}.
 *
 * @param profile     {@code --profile}, or {@code null}
 * @param rules       {@code --rules}, or {@code null}
 * @param format      {@code text}, {@code json} or {@code html}
 * @param failOn      {@link Status#FAIL} or {@link Status#WARN}
 * @param passwordEnv {@code --password-env}, or {@code null}
 * @param url         the JDBC URL
 */
record CheckOptions(String profile, String rules, String format, Status failOn, String passwordEnv, String url) {

    private static final List<String> FORMATS = List.of("text", "json", "html");

    /** @throws IllegalArgumentException naming the bad option */
    static CheckOptions parse(List<String> args) {
        String profile = null;
        String rules = null;
        String format = "text";
        Status failOn = Status.FAIL;
        String passwordEnv = null;
        String url = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--profile" -> profile = value(args, ++i, arg);
                case "--rules" -> rules = value(args, ++i, arg);
                case "--password-env" -> passwordEnv = value(args, ++i, arg);
                case "--format" -> {
                    format = value(args, ++i, arg);
                    if (!FORMATS.contains(format)) {
                        throw new IllegalArgumentException("--format must be text, json or html, not '" + format + "'");
                    }
                }
                case "--fail-on" -> {
                    String level = value(args, ++i, arg);
                    if (!level.equals("warn") && !level.equals("fail")) {
                        throw new IllegalArgumentException("--fail-on must be warn or fail, not '" + level + "'");
                    }
                    failOn = level.equals("warn") ? Status.WARN : Status.FAIL;
                }
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (url != null) {
                        throw new IllegalArgumentException("one URL only, not also '" + arg + "'");
                    }
                    if (!arg.startsWith("jdbc:")) {
                        throw new IllegalArgumentException("'" + arg + "' is not a JDBC URL (jdbc:guard:mysql://host/db)");
                    }
                    url = arg;
                }
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("no URL given");
        }
        return new CheckOptions(profile, rules, format, failOn, passwordEnv, url);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }
}
