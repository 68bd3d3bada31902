package dev.jdbcguard.driver.url;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code guard.*} settings: the one definition of every key the guard understands. A key may
 * be given as a URL parameter ({@code jdbc:guard:mysql://h/db?guard.profile=production}) or as a
 * {@code Properties} entry; either way it is removed before the target driver sees it. To add a
 * setting, add a constant here with its documentation.
 */
public enum GuardSetting {

    /** {@code guard.profile}: the built-in rule profile to enforce (e.g. {@code production}, {@code planetscale}). */
    PROFILE("guard.profile", "built-in rule profile to enforce, e.g. production or planetscale"),

    /** {@code guard.rules}: a YAML rule file (path or {@code classpath:} resource) layered over the profile. */
    RULES("guard.rules", "YAML rule file (a file path) applied over the profile; reloaded when it changes"),

    /**
     * {@code guard.cache-size}: how many distinct SQL strings keep their judgement cached (default
     * {@code 10000}). A string seen before costs a cache hit and allocates nothing; beyond the size the
     * least useful entries are evicted, so literal-concatenated SQL cannot grow memory without bound.
     */
    CACHE_SIZE("guard.cache-size", "SQL strings whose judgement is cached (default 10000)"),

    /**
     * {@code guard.reload-interval}: how often a {@code guard.rules} file is checked for changes
     * (default {@code 2s}; {@code 0s} never reloads). A changed valid file replaces the rules atomically;
     * a bad one is logged on {@code jdbcguard.rules} and the last good rules stay.
     */
    RELOAD_INTERVAL("guard.reload-interval", "how often the guard.rules file is checked for changes (default 2s, 0s = never)"),

    /**
     * {@code guard.warning-window}: repeats of one rule and fingerprint within this window are counted,
     * not logged; the next line says {@code (+N suppressed)} (default {@code 1m}).
     */
    WARNING_WINDOW("guard.warning-window", "repeats of one warning within this window are counted, not logged (default 1m)"),

    /**
     * {@code guard.schema-scripts}: the built-in profile (e.g. {@code migration}) that judges, instead of the
     * connection's rules, a statement the connection's rules block when it is run by Spring's SQL script
     * initializer ({@code schema.sql}/{@code data.sql}, {@code spring.sql.init}) or Hibernate's schema tool
     * ({@code hibernate.hbm2ddl.auto}); the application's own statements keep the connection's rules. Unset:
     * such a statement is blocked like any other, and the message names this setting.
     */
    SCHEMA_SCRIPTS("guard.schema-scripts", "profile for statements run by Spring's SQL initializer or Hibernate's schema"
            + " tool, e.g. migration (default: the connection's rules)"),

    /**
     * {@code guard.explain-rate}: how many EXPLAINs per second the guard sends at most to one target (default
     * {@code 20}, from 1 to 10_000), for {@code query.unindexed}/{@code query.bad-index} with {@code detect: explain}
     * or {@code auto}. New statement shapes beyond it wait in a bounded queue or are explained when they run again.
     */
    EXPLAIN_RATE("guard.explain-rate", "EXPLAINs per second at most to one target (default 20)"),

    /**
     * {@code guard.report}: where this guard writes its findings report ({@code PATH.html} and {@code PATH.json})
     * when it closes and when the JVM shuts down; also in JMX ({@code dev.jdbcguard:type=Report}). Unset: no report,
     * and statements publish no events for it.
     */
    REPORT("guard.report", "findings report written to PATH.html and PATH.json at close and JVM shutdown (default: none)"),

    /**
     * {@code guard.mode}: {@code enforce} (blocks refuse) or {@code observe} (every block is logged and counted as a
     * block that would have happened, {@code WOULD_BLOCK}, and the statement runs). Outranks the environment variable
     * {@code JDBC_GUARD_MODE}, which outranks the rule file's {@code mode:}; unset everywhere: {@code enforce}.
     */
    MODE("guard.mode", "enforce, or observe: blocks are reported as WOULD_BLOCK and the statement runs (default: the"
            + " JDBC_GUARD_MODE environment variable, else the rule file's mode, else enforce)");

    /** The prefix that marks a key as the guard's, matched ignoring case so a typo is not passed on. */
    public static final String PREFIX = "guard.";

    private static final Map<String, GuardSetting> BY_KEY =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(GuardSetting::key, Function.identity()));

    private final String key;
    private final String description;

    GuardSetting(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The key as written in URLs and properties, e.g. {@code guard.profile}. */
    public String key() {
        return key;
    }

    /** One line for users and for {@code Driver.getPropertyInfo}. */
    public String description() {
        return description;
    }

    /** True if {@code key} belongs to the guard (starts with {@code guard.}, any case), known or not. */
    public static boolean isGuardKey(String key) {
        return key.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** The setting for an exact key, or {@code null}. */
    static GuardSetting forKey(String key) {
        return BY_KEY.get(key);
    }

    /** The known keys, comma separated, for error messages. */
    static String knownKeys() {
        return Arrays.stream(values()).map(GuardSetting::key).collect(Collectors.joining(", "));
    }
}
