package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.url.GuardSetting;
import dev.jdbcguard.driver.url.GuardSettings;
import dev.jdbcguard.rules.Mode;
import dev.jdbcguard.rules.Param;
import dev.jdbcguard.rules.file.RuleSelection;
import java.sql.SQLException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that makes one {@link GuardEngine} differ from another: the rule selection and the
 * engine-wide {@code guard.*} settings. Connections whose settings are equal share one engine (its
 * rule source, caches, gates, EXPLAIN connections and metrics). A record, so it is the map key.
 *
 * @param selection      profile and rule file ({@code guard.profile} / {@code guard.rules}, else the
 *                       environment, else {@code production})
 * @param cacheSize      {@code guard.cache-size}: SQL strings whose judgement is cached
 * @param reloadInterval {@code guard.reload-interval}: how often the rule file is checked; zero never
 * @param warningWindow  {@code guard.warning-window}: deduplication window of the log lines
 * @param schemaScripts  {@code guard.schema-scripts}: the profile for schema tools' statements, or {@code null}
 * @param explainRate    {@code guard.explain-rate}: EXPLAINs per second at most, per target
 * @param report         {@code guard.report}: where the findings report is written, or {@code null} for none
 * @param mode           {@code guard.mode}, else {@code JDBC_GUARD_MODE}; {@code null} leaves it to the rule file
 */
record EngineSettings(RuleSelection selection, long cacheSize, Duration reloadInterval, Duration warningWindow,
        String schemaScripts, int explainRate, Path report, Mode mode) {

    static final long DEFAULT_CACHE_SIZE = 10_000;
    static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(2);
    static final Duration DEFAULT_WARNING_WINDOW = Duration.ofMinutes(1);
    static final int DEFAULT_EXPLAIN_RATE = 20;

    // Written out, not generated: a record's generated equals/hashCode links through ObjectMethods.bootstrap at first
    // call, tens of milliseconds of a fresh JVM's start-up (issue 15), and this one is a map key on the first connect.
    @Override
    public boolean equals(Object other) {
        return other instanceof EngineSettings that && Objects.equals(selection, that.selection) && cacheSize == that.cacheSize
                && Objects.equals(reloadInterval, that.reloadInterval) && Objects.equals(warningWindow, that.warningWindow)
                && Objects.equals(schemaScripts, that.schemaScripts) && explainRate == that.explainRate
                && Objects.equals(report, that.report) && mode == that.mode;
    }

    @Override
    public int hashCode() {
        int hash = Objects.hashCode(selection);
        hash = 31 * hash + Long.hashCode(cacheSize);
        hash = 31 * hash + Objects.hashCode(reloadInterval);
        hash = 31 * hash + Objects.hashCode(warningWindow);
        hash = 31 * hash + Objects.hashCode(schemaScripts);
        hash = 31 * hash + explainRate;
        hash = 31 * hash + Objects.hashCode(report);
        return 31 * hash + Objects.hashCode(mode);
    }

    /**
     * Reads the settings of one connect.
     *
     * @param environment the process environment ({@code System.getenv()}), for {@code JDBC_GUARD_PROFILE}
     *                    and {@code JDBC_GUARD_RULES} and {@code JDBC_GUARD_MODE}
     * @throws SQLException naming the setting and what it expects, for a malformed value
     */
    static EngineSettings of(GuardSettings settings, Map<String, String> environment) throws SQLException {
        RuleSelection selection = RuleSelection.select(settings.get(GuardSetting.PROFILE).orElse(null),
                settings.get(GuardSetting.RULES).orElse(null), environment);
        long cacheSize = settings.get(GuardSetting.CACHE_SIZE).isPresent()
                ? (Long) parse(settings, GuardSetting.CACHE_SIZE,
                        Param.count(GuardSetting.CACHE_SIZE.key(), "1", "1", "10_000_000", ""))
                : DEFAULT_CACHE_SIZE;
        return new EngineSettings(selection, cacheSize,
                duration(settings, GuardSetting.RELOAD_INTERVAL, DEFAULT_RELOAD_INTERVAL),
                duration(settings, GuardSetting.WARNING_WINDOW, DEFAULT_WARNING_WINDOW),
                settings.get(GuardSetting.SCHEMA_SCRIPTS).map(String::strip).filter(name -> !name.isEmpty()).orElse(null),
                settings.get(GuardSetting.EXPLAIN_RATE).isPresent()
                        ? Math.toIntExact((Long) parse(settings, GuardSetting.EXPLAIN_RATE,
                                Param.count(GuardSetting.EXPLAIN_RATE.key(), "1", "1", "10_000", "")))
                        : DEFAULT_EXPLAIN_RATE,
                report(settings), mode(settings, environment));
    }

    private static Mode mode(GuardSettings settings, Map<String, String> environment) throws SQLException {
        String setting = settings.get(GuardSetting.MODE).orElse(null);
        try {
            return Mode.chosen(setting, environment);
        } catch (IllegalArgumentException e) {
            throw setting != null ? invalid(GuardSetting.MODE, settings, e.getMessage())
                    : new SQLException("[jdbc-guard] invalid " + e.getMessage(), "08001");
        }
    }

    private static Path report(GuardSettings settings) throws SQLException {
        String value = settings.get(GuardSetting.REPORT).map(String::strip).orElse("");
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw invalid(GuardSetting.REPORT, settings, "not a file path (" + e.getReason() + ")");
        }
    }

    private static Duration duration(GuardSettings settings, GuardSetting setting, Duration fallback) throws SQLException {
        return settings.get(setting).isPresent()
                ? (Duration) parse(settings, setting, Param.duration(setting.key(), "0s", "0s", "1d", ""))
                : fallback;
    }

    /** Parses with the rule files' own spelling rules ({@code 500ms}, {@code 2s}, {@code 10_000}). */
    private static Object parse(GuardSettings settings, GuardSetting setting, Param as) throws SQLException {
        try {
            return as.parse(settings.get(setting).orElseThrow());
        } catch (IllegalArgumentException e) {
            throw invalid(setting, settings, e.getMessage());
        }
    }

    private static SQLException invalid(GuardSetting setting, GuardSettings settings, String problem) {
        return new SQLException("[jdbc-guard] invalid " + setting.key() + "='" + settings.get(setting).orElse("")
                + "': " + problem, "08001");
    }
}
