package dev.jdbcguard.rules.file;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Allow;
import dev.jdbcguard.rules.Mode;
import dev.jdbcguard.rules.Param;
import dev.jdbcguard.rules.Rule;
import dev.jdbcguard.rules.RuleCatalog;
import dev.jdbcguard.rules.RuleConfig;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads rule sets: built-in profiles (YAML resources) and user rule files, which {@code extends} a profile.
 *
 * <h2>Layering</h2>
 * A file is applied on top of the fully resolved rule set it extends. For each rule, the file's most specific
 * entry that sets the action wins ({@code ddl.drop-table: warn} beats {@code ddl: block}); a rule the file does not
 * cover keeps the inherited action. So a prefix in a file overrides everything inherited under it, and within one
 * file the most specific id wins. Parameters resolve the same way, one parameter at a time. {@code max-action}
 * caps the inherited actions (not the file's own entries): {@code development} is {@code production} capped at
 * {@code warn}. {@code tables:} entries give per-table actions; a table's entry beats {@code ignore-tables}, which
 * beats the rule's action.
 *
 * <p>Cost: a load parses up to three small YAML documents (the file and its profile chain); done once at startup
 * and once per reload, never per statement.
 */
public final class RuleFiles {

    /** The profile used when nothing selects one. */
    public static final String DEFAULT_PROFILE = "production";
    /** Every built-in profile, in documentation order. */
    public static final List<String> PROFILES = List.of("production", "planetscale", "development", "migration");

    static final String PROFILE_RESOURCES = "/dev/jdbcguard/rules/profiles/";

    private RuleFiles() {
    }

    /** A built-in profile. @throws RuleFileException for an unknown name (suggesting the nearest one) */
    public static RuleSet profile(String name) {
        return resolveProfile(name, "profile", 0, 0, new ArrayDeque<>());
    }

    /** A built-in profile's {@code description}, for the rule reference. */
    public static String profileDescription(String name) {
        if (!PROFILES.contains(name)) {
            throw new IllegalArgumentException("unknown profile " + name);
        }
        String description = builtIn(name).description();
        return description == null ? "" : description;
    }

    /**
     * Loads a user rule file. A file without {@code extends} extends {@code defaultProfile}.
     *
     * @throws RuleFileException naming the file, line and column of the first problem
     */
    public static RuleSet load(Path file, String defaultProfile) {
        return parse(read(file), file.toString(), defaultProfile);
    }

    /** Like {@link #load} for text already read; {@code source} names it in messages. */
    public static RuleSet parse(String yaml, String source, String defaultProfile) {
        RuleFile file = RuleFileParser.parse(yaml, source);
        RuleSet base = file.extendsName() != null
                ? resolveProfile(file.extendsName(), source, file.extendsPosition().line(), file.extendsPosition().column(), new ArrayDeque<>())
                : profile(defaultProfile);
        return new RuleSet(source + " (extends " + (file.extendsName() != null ? file.extendsName() : defaultProfile) + ")",
                layer(base.rules(), file), inlineAllows(base, file), mode(base, file), allows(base, file));
    }

    /** True when {@code yaml} holds nothing but blank lines and comments: no document at all. */
    static boolean isEmpty(String yaml) {
        return yaml.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#"));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RuleFileException(file.toString(), 0, 0, "file not found", e);
        } catch (IOException e) {
            throw new RuleFileException(file.toString(), 0, 0, "cannot read: " + e, e);
        }
    }

    private static RuleSet resolveProfile(String name, String referrer, int line, int column, Deque<String> chain) {
        if (!PROFILES.contains(name)) {
            throw new RuleFileException(referrer, line, column, "unknown profile '" + name + "'"
                    + Suggestions.didYouMean(name, PROFILES) + "; expected one of " + String.join(", ", PROFILES));
        }
        if (chain.contains(name)) {
            throw new RuleFileException(referrer, line, column, "profile cycle " + chain + " -> " + name);
        }
        String source = profileSource(name);
        RuleFile file = builtIn(name);
        chain.push(name);
        RuleSet parent = file.extendsName() == null ? null
                : resolveProfile(file.extendsName(), source, file.extendsPosition().line(), file.extendsPosition().column(), chain);
        chain.pop();
        return new RuleSet(source, layer(parent == null ? catalogDefaults() : parent.rules(), file), inlineAllows(parent, file),
                mode(parent, file), allows(parent, file));
    }

    /** How messages and rule sets name a built-in profile. */
    static String profileSource(String profile) {
        return "profile " + profile;
    }

    /**
     * A built-in profile as parsed: from the binary form the build wrote ({@link ProfileCodec}), else (a class path
     * without it, such as an IDE's that skips the build step) from its YAML.
     */
    private static RuleFile builtIn(String profile) {
        InputStream parsed = RuleFiles.class.getResourceAsStream(PROFILE_RESOURCES + profile + ".bin");
        if (parsed != null) {
            try {
                return ProfileCodec.decode(parsed);
            } catch (IOException e) {
                // a binary form of another build: the YAML beside it is the truth
            }
        }
        return RuleFileParser.parse(yamlResource(profile), profileSource(profile));
    }

    static String yamlResource(String profile) {
        try (InputStream in = RuleFiles.class.getResourceAsStream(PROFILE_RESOURCES + profile + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("built-in profile resource missing: " + profile);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in profile " + profile, e);
        }
    }

    /** Where every profile chain starts: every rule off, every parameter at its catalog default. */
    private static Map<String, RuleConfig> catalogDefaults() {
        Map<String, RuleConfig> defaults = new LinkedHashMap<>();
        for (Rule rule : RuleCatalog.rules()) {
            Map<String, Object> params = new HashMap<>();
            for (Param param : rule.params()) {
                params.put(param.name(), param.defaultValue());
            }
            defaults.put(rule.id(), new RuleConfig(rule, Action.OFF, params, Map.of()));
        }
        return defaults;
    }

    private static Map<String, RuleConfig> layer(Map<String, RuleConfig> base, RuleFile file) {
        Map<String, RuleConfig> layered = new LinkedHashMap<>();
        for (RuleConfig inherited : base.values()) {
            Rule rule = inherited.rule();
            RuleFile.Setting own = RuleFile.mostSpecific(file.rules(), rule, setting -> setting.action() != null);
            Action action = own != null ? own.action() : capped(inherited.action(), file.maxAction());

            Map<String, Object> params = new HashMap<>(inherited.params());
            for (Param param : rule.params()) {
                RuleFile.Setting setter = RuleFile.mostSpecific(file.rules(), rule, setting -> setting.params().containsKey(param.name()));
                if (setter != null) {
                    params.put(param.name(), setter.params().get(param.name()));
                }
            }

            Map<String, Action> tables = new HashMap<>();
            inherited.tableOverrides().forEach((table, tableAction) -> tables.put(table, capped(tableAction, file.maxAction())));
            file.tables().forEach((table, settings) -> {
                RuleFile.Setting tableSetting = RuleFile.mostSpecific(settings, rule, setting -> true);
                if (tableSetting != null) {
                    tables.put(table, tableSetting.action());
                }
            });
            layered.put(rule.id(), new RuleConfig(rule, action, params, tables));
        }
        return layered;
    }

    /** A file's own {@code inline-allows}, else what it extends says; on when nothing says. */
    private static Mode mode(RuleSet base, RuleFile file) {
        return file.mode() != null ? file.mode() : base == null ? Mode.ENFORCE : base.mode();
    }

    /** The base's entries, then the file's own. */
    private static List<Allow> allows(RuleSet base, RuleFile file) {
        if (base == null || base.allows().isEmpty()) {
            return file.allows();
        }
        List<Allow> all = new ArrayList<>(base.allows());
        all.addAll(file.allows());
        return all;
    }

    private static boolean inlineAllows(RuleSet base, RuleFile file) {
        return file.inlineAllows() != null ? file.inlineAllows() : base == null || base.inlineAllows();
    }

    private static Action capped(Action action, Action cap) {
        return cap == null ? action : action.capAt(cap);
    }
}
