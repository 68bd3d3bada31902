package dev.jdbcguard.check;

import dev.jdbcguard.driver.url.GuardSetting;
import dev.jdbcguard.driver.url.GuardUrl;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.file.RuleFileException;
import dev.jdbcguard.rules.file.RuleSelection;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code check}: audits a live server against the production checklist, reading only ({@code SELECT} and
 * {@code SHOW}), so it can gate a deploy in CI. What the guard sees of one application, the server knows of all of
 * them: connection headroom, tables without keys, unindexed statement shapes of the whole fleet.
 *
 * <p>Exit status: {@value #PASSED} when no item reaches {@code --fail-on}, {@value #FAILED} when one does,
 * {@value #BAD_INPUT} when the options are wrong or the server cannot be reached, with the reason on the error stream.
 */
public final class Check {

    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    public static final String USAGE = String.join("\n",
            "usage: check [--profile P] [--rules FILE] [--format text|json|html] [--fail-on warn|fail]",
            "             [--password-env VAR] URL",
            "  URL               jdbc:guard:mysql://host:port/db?user=u or plain jdbc:mysql://... (jdbc:mariadb://...)",
            "  --profile P       built-in profile whose thresholds apply: production (default), planetscale,",
            "                    development, migration (else the URL's guard.profile, else JDBC_GUARD_PROFILE)",
            "  --rules FILE      a rule file (else the URL's guard.rules, else JDBC_GUARD_RULES)",
            "  --format F        text (default), json or html",
            "  --fail-on S       exit 1 when an item is at least S: fail (default) or warn",
            "  --password-env V  read the password from environment variable V; without it and without a password",
            "                    in the URL, it is asked for on the terminal (not echoed)",
            "items: " + String.join(", ", Checklist.ids()),
            "exit status: 0 passed, 1 an item reached --fail-on, 2 bad input or no connection");

    /** {@code password=} in the query, or {@code //user:password@} before the host. */
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("[?&]password=|//[^/@?]*:[^/@?]*@");

    private Check() {
    }

    /**
     * Runs {@code check} with its arguments (without the word {@code check}).
     *
     * @param environment    the process environment, for {@code --password-env} and the rule selection variables
     * @param passwordPrompt asks for a password without echo, given the prompt; returns {@code null} without a terminal
     * @return the exit status
     */
    public static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> environment,
                          Function<String, char[]> passwordPrompt) {
        CheckOptions options;
        String targetUrl;
        RuleSet rules;
        Properties login = new Properties();
        try {
            options = CheckOptions.parse(args);
            String profile = options.profile();
            String rulesFile = options.rules();
            targetUrl = options.url();
            if (GuardUrl.accepts(options.url())) {
                GuardUrl guardUrl = GuardUrl.parse(options.url(), new Properties());
                targetUrl = guardUrl.targetUrl();
                profile = profile != null ? profile : guardUrl.settings().get(GuardSetting.PROFILE).orElse(null);
                rulesFile = rulesFile != null ? rulesFile : guardUrl.settings().get(GuardSetting.RULES).orElse(null);
            }
            rules = RuleSelection.select(profile, rulesFile, environment).load();
            String password = password(options, targetUrl, environment, passwordPrompt);
            if (password != null) {
                login.setProperty("password", password);
            }
        } catch (IllegalArgumentException e) {
            err.println("check: " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        } catch (RuleFileException e) {
            err.println("check: bad rules: " + e.getMessage());
            return BAD_INPUT;
        } catch (SQLException e) {
            err.println("check: " + e.getMessage());
            return BAD_INPUT;
        }
        String shownUrl = withoutQuery(targetUrl);
        login.setProperty("connectTimeout", "10000");
        try (Connection connection = DriverManager.getConnection(targetUrl, login)) {
            Server server = Server.of(connection);
            String user = server.query("SELECT CURRENT_USER() AS user").get(0).get("user");
            List<Item> items = new Checklist(server, rules, connection.getCatalog()).run();
            CheckReport report = new CheckReport(shownUrl, user, server.version(), rules.description(),
                    connection.getCatalog(), options.failOn(), items);
            switch (options.format()) {
                case "json" -> report.printJson(out);
                case "html" -> report.printHtml(out);
                default -> report.printText(out);
            }
            return report.failed() ? FAILED : PASSED;
        } catch (SQLException e) {
            err.println("check: cannot check " + shownUrl + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (Server.Unreadable e) {
            err.println("check: cannot read the current user of " + shownUrl + ": " + e.getMessage());
            return BAD_INPUT;
        }
    }

    /** The password to send, or {@code null} to send none (the URL has one, or nobody typed one). */
    private static String password(CheckOptions options, String targetUrl, Map<String, String> environment,
                                   Function<String, char[]> passwordPrompt) {
        if (options.passwordEnv() != null) {
            String password = environment.get(options.passwordEnv());
            if (password == null) {
                throw new IllegalArgumentException("--password-env " + options.passwordEnv() + ": no such environment variable");
            }
            return password;
        }
        if (PASSWORD_IN_URL.matcher(targetUrl).find()) {
            return null;
        }
        char[] typed = passwordPrompt.apply("password for " + withoutQuery(targetUrl) + ": ");
        return typed == null || typed.length == 0 ? null : new String(typed);
    }

    /** URLs may carry passwords in their parameters: reports and messages show only what precedes the query. */
    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        String shown = query < 0 ? url : url.substring(0, query);
        return shown.replaceAll("//([^/@?:]*):[^/@?]*@", "//$1:***@");
    }
}
