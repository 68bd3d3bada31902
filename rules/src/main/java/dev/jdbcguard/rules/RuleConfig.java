package dev.jdbcguard.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One rule as a {@link RuleSet} resolved it: its action, its parameters (already parsed) and its per-table actions.
 * Immutable. The typed getters are map reads with a cast; nothing is parsed after the rule set was loaded.
 *
 * @param rule         the catalog definition
 * @param action       the action for statements that name no table with an exception
 * @param params       every parameter of the rule, by name, parsed (defaults filled in)
 * @param tableOverrides the action per normalized table name ({@link ParamType#normalizeTable}) from the
 *                       {@code tables:} sections of the file and the profiles it extends
 */
public record RuleConfig(Rule rule, Action action, Map<String, Object> params, Map<String, Action> tableOverrides) {

    public RuleConfig {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
        params = Map.copyOf(params);
        tableOverrides = Map.copyOf(tableOverrides);
    }

    public String id() {
        return rule.id();
    }

    /** Whether the rule is checked at all: its action or some table's is not {@code off}. */
    public boolean enabled() {
        return action != Action.OFF || tableOverrides.containsValue(Action.WARN) || tableOverrides.containsValue(Action.BLOCK);
    }

    /**
     * The action for a statement on {@code table}: its {@code tables:} entry, else {@code off} when the table is in
     * {@code ignore-tables}, else {@link #action()}. A qualified name {@code app.audit_log} matches an entry
     * {@code app.audit_log} first, then {@code audit_log}. Cost: nothing for a rule without table exceptions,
     * else a normalization and a few map and list reads.
     */
    public Action actionFor(String table) {
        List<String> ignored = ignoredTables();
        if (table == null || (tableOverrides.isEmpty() && ignored.isEmpty())) {
            return action;
        }
        String normalized = ParamType.normalizeTable(table);
        int dot = normalized.lastIndexOf('.');
        String bare = dot >= 0 ? normalized.substring(dot + 1) : normalized;
        Action override = tableOverrides.get(normalized);
        if (override == null) {
            override = tableOverrides.get(bare);
        }
        if (override != null) {
            return override;
        }
        return ignored.contains(normalized) || ignored.contains(bare) ? Action.OFF : action;
    }

    private List<String> ignoredTables() {
        @SuppressWarnings("unchecked")
        List<String> ignored = (List<String>) params.get(Param.IGNORE_TABLES);
        return ignored == null ? List.of() : ignored;
    }

    public Duration duration(String name) {
        return (Duration) typed(name, ParamType.DURATION);
    }

    public long count(String name) {
        return (Long) typed(name, ParamType.COUNT);
    }

    public boolean flag(String name) {
        return (Boolean) typed(name, ParamType.BOOLEAN);
    }

    /** A {@link ParamType#CHOICE} value in its canonical spelling, e.g. {@code verify-identity}. */
    public String choice(String name) {
        return (String) typed(name, ParamType.CHOICE);
    }

    /** A {@link ParamType#TABLES} value: normalized names. */
    @SuppressWarnings("unchecked")
    public List<String> tables(String name) {
        return (List<String>) typed(name, ParamType.TABLES);
    }

    private Object typed(String name, ParamType type) {
        Param param = rule.param(name);
        if (param == null || param.type() != type) {
            throw new IllegalArgumentException(rule.id() + " has no " + type.name().toLowerCase(java.util.Locale.ROOT)
                    + " parameter '" + name + "'");
        }
        return params.get(name);
    }
}
