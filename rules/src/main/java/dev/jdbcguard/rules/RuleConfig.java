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
 * @param tableActions the action per normalized table name ({@link ParamType#normalizeTable}): the rule's
 *                     {@code ignore-tables} (as {@link Action#OFF}) overlaid with the file's {@code tables:} section
 */
public record RuleConfig(Rule rule, Action action, Map<String, Object> params, Map<String, Action> tableActions) {

    public RuleConfig {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
        params = Map.copyOf(params);
        tableActions = Map.copyOf(tableActions);
    }

    public String id() {
        return rule.id();
    }

    /** Whether the rule is checked at all (its action or some table's is not {@code off}). */
    public boolean enabled() {
        if (action != Action.OFF) {
            return true;
        }
        for (Action tableAction : tableActions.values()) {
            if (tableAction != Action.OFF) {
                return true;
            }
        }
        return false;
    }

    /**
     * The action for a statement on {@code table}: its {@code tables:} entry, else {@code off} when the table is in
     * {@code ignore-tables}, else {@link #action()}. A qualified name {@code app.audit_log} matches an entry
     * {@code app.audit_log} first, then {@code audit_log}. Cost: a normalization and up to two map reads.
     */
    public Action actionFor(String table) {
        if (table == null || tableActions.isEmpty()) {
            return action;
        }
        String normalized = ParamType.normalizeTable(table);
        Action exact = tableActions.get(normalized);
        if (exact != null) {
            return exact;
        }
        int dot = normalized.lastIndexOf('.');
        if (dot >= 0) {
            Action bare = tableActions.get(normalized.substring(dot + 1));
            if (bare != null) {
                return bare;
            }
        }
        return action;
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
