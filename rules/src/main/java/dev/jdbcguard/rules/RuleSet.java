package dev.jdbcguard.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A complete, immutable set of rules: one resolved {@link RuleConfig} for every rule of the {@link RuleCatalog}.
 * Built once by the rule-file loader ({@code dev.jdbcguard.rules.file.RuleFiles}); a reload builds a new one and
 * swaps the reference, so a reader always sees one consistent set.
 *
 * <p>{@link #action(String)} and {@link #rule(String)} are one hash-map read; all parameters were parsed and all
 * prefixes and table exceptions resolved at load time.
 */
public final class RuleSet {

    private final String description;
    private final Map<String, RuleConfig> rules;
    private final boolean inlineAllows;
    private final Mode mode;
    private final List<Allow> allows;

    /**
     * @param description where the set came from, for logs: e.g. {@code profile production} or
     *                    {@code /etc/app/rules.yaml (extends planetscale)}
     * @param rules       a config for every catalog rule, by id
     * @throws IllegalArgumentException when a catalog rule is missing or an unknown id is present
     */
    public RuleSet(String description, Map<String, RuleConfig> rules) {
        this(description, rules, true);
    }

    /**
     * @param inlineAllows whether {@code guard:allow} comments in SQL text waive rules ({@code inline-allows} in a
     *                     rule file); false leaves only the rule file's own exceptions
     */
    public RuleSet(String description, Map<String, RuleConfig> rules, boolean inlineAllows) {
        this(description, rules, inlineAllows, Mode.ENFORCE, List.of());
    }

    /**
     * @param mode   {@code mode:} of a rule file: whether {@code block} refuses or only reports what it would refuse
     * @param allows {@code allow:} entries of a rule file: accepted findings, in file order
     */
    public RuleSet(String description, Map<String, RuleConfig> rules, boolean inlineAllows, Mode mode,
                   List<Allow> allows) {
        this.inlineAllows = inlineAllows;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.allows = List.copyOf(allows);
        this.description = Objects.requireNonNull(description, "description");
        Map<String, RuleConfig> ordered = new LinkedHashMap<>();
        for (Rule rule : RuleCatalog.rules()) {
            RuleConfig config = rules.get(rule.id());
            if (config == null) {
                throw new IllegalArgumentException("rule set lacks " + rule.id());
            }
            ordered.put(rule.id(), config);
        }
        if (ordered.size() != rules.size()) {
            throw new IllegalArgumentException("rule set holds ids outside the catalog: " + rules.keySet());
        }
        this.rules = java.util.Collections.unmodifiableMap(ordered);
    }

    public String description() {
        return description;
    }

    /** The action of a rule. @throws IllegalArgumentException for an id outside the catalog */
    public Action action(String ruleId) {
        return rule(ruleId).action();
    }

    /** A rule's resolved configuration. @throws IllegalArgumentException for an id outside the catalog */
    public RuleConfig rule(String ruleId) {
        RuleConfig config = rules.get(ruleId);
        if (config == null) {
            throw new IllegalArgumentException(RuleCatalog.unknownIdMessage(ruleId));
        }
        return config;
    }

    /**
     * Whether {@code guard:allow} comments in SQL text count. Anyone who can write SQL text (an injected comment
     * included) can write one, so a rule file can turn them off.
     */
    public boolean inlineAllows() {
        return inlineAllows;
    }

    /** Whether blocks refuse ({@code enforce}) or are reported as blocks that would have happened ({@code observe}). */
    public Mode mode() {
        return mode;
    }

    /** The {@code allow:} entries, in file order; empty for a built-in profile. */
    public List<Allow> allows() {
        return allows;
    }

    /**
     * The {@code allow:} entry that accepts a finding of {@code ruleId} on {@code fingerprint} (null for a connection
     * finding) naming {@code tables}, or null when none does: the one question the driver and lint ask.
     */
    public Allow allowed(String ruleId, String fingerprint, List<String> tables) {
        return allows.isEmpty() ? null : Allow.first(allows, ruleId, fingerprint, tables);
    }

    /** Every rule's configuration, in catalog order. */
    public Map<String, RuleConfig> rules() {
        return rules;
    }

    @Override
    public String toString() {
        return "RuleSet[" + description + "]";
    }
}
