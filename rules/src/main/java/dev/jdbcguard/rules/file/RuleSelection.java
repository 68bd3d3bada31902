package dev.jdbcguard.rules.file;

import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.RuleSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Which rules a connection uses: a built-in profile and, optionally, a rule file on top of it.
 *
 * <p>Each of the two is chosen on its own: the driver setting ({@code guard.profile} / {@code guard.rules}, from the
 * URL or {@code Properties}), else the environment variable ({@code JDBC_GUARD_PROFILE} / {@code JDBC_GUARD_RULES}),
 * else the default ({@code production}, no file). A rule file's own {@code extends} wins over the selected profile;
 * the profile is what a file without {@code extends} builds on.
 *
 * @param profile   a built-in profile name (validated when loaded)
 * @param rulesFile a rule file, or {@code null}
 */
public record RuleSelection(String profile, Path rulesFile) {

    // Written out, not generated: a record's generated equals/hashCode links through ObjectMethods.bootstrap at first
    // call, tens of milliseconds of a fresh JVM's start-up (issue 15), and this one is a map key on the first connect.
    @Override
    public boolean equals(Object other) {
        return other instanceof RuleSelection that && Objects.equals(profile, that.profile)
                && Objects.equals(rulesFile, that.rulesFile);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(profile) + Objects.hashCode(rulesFile);
    }

    public static final String PROFILE_PROPERTY = "guard.profile";
    public static final String RULES_PROPERTY = "guard.rules";
    public static final String PROFILE_ENV = "JDBC_GUARD_PROFILE";
    public static final String RULES_ENV = "JDBC_GUARD_RULES";

    /**
     * @param profileProperty the value of {@code guard.profile}, or {@code null}
     * @param rulesProperty   the value of {@code guard.rules}, or {@code null}
     * @param environment     the process environment ({@code System.getenv()}; tests pass their own map)
     */
    public static RuleSelection select(String profileProperty, String rulesProperty, Map<String, String> environment) {
        String profile = firstSet(profileProperty, environment.get(PROFILE_ENV));
        String rules = firstSet(rulesProperty, environment.get(RULES_ENV));
        return new RuleSelection(profile != null ? profile : RuleFiles.DEFAULT_PROFILE, rules != null ? Path.of(rules) : null);
    }

    /** Loads the selection once. @throws RuleFileException on an unknown profile or a bad file */
    public RuleSet load() {
        RuleSet base = profileRules();
        return rulesFile == null ? base : RuleFiles.load(rulesFile, profile);
    }

    /**
     * Loads the selection as a source: a fixed one for a bare profile, a {@link ReloadingRules} polling the file
     * every {@code pollInterval} otherwise (the caller closes it).
     *
     * @throws RuleFileException when the initial load fails: nothing starts on bad rules
     */
    public RuleSource open(Duration pollInterval) {
        RuleSet base = profileRules();
        return rulesFile == null ? RuleSource.fixed(base) : ReloadingRules.start(rulesFile, profile, pollInterval);
    }

    /** The selected profile, also checked when a file's {@code extends} makes it unused: a bad setting is an error. */
    private RuleSet profileRules() {
        try {
            return RuleFiles.profile(profile);
        } catch (RuleFileException e) {
            // Named by the setting, not a file: that is what the user has to change.
            throw new RuleFileException(PROFILE_PROPERTY + "/" + PROFILE_ENV, 0, 0, e.problem(), e);
        }
    }

    private static String firstSet(String preferred, String fallback) {
        if (preferred != null && !preferred.isBlank()) {
            return preferred.trim();
        }
        return fallback != null && !fallback.isBlank() ? fallback.trim() : null;
    }
}
