package dev.jdbcguard.rules;

import java.util.List;
import java.util.Objects;

/**
 * One rule of the {@link RuleCatalog}: the single definition behind rule-file validation, the rule reference
 * ({@code rules/README.md}) and the text of every warning and exception the rule produces.
 *
 * @param id          the stable dotted id users see everywhere, e.g. {@code ddl.drop-table}
 * @param scope       where the rule is checked
 * @param what        what it catches, one sentence
 * @param why         why that matters in production
 * @param fix         how to change the code (or the rules) that trips it
 * @param params      the parameters it accepts, in documentation order
 * @param destructive whether what it catches loses data or breaks running code (the {@code migration} profile
 *                    still warns on these while it lets other DDL through)
 */
public record Rule(String id, Scope scope, String what, String why, String fix, List<Param> params, boolean destructive) {

    public Rule {
        Objects.requireNonNull(id, "id");
        params = List.copyOf(params);
    }

    /** The parameter called {@code name}, or {@code null} when this rule has none by that name. */
    public Param param(String name) {
        for (Param param : params) {
            if (param.name().equals(name)) {
                return param;
            }
        }
        return null;
    }

    /** Whether the rule id sits under {@code prefix} ({@code ddl} covers {@code ddl.drop-table}) or is it. */
    public boolean isUnder(String prefix) {
        return id.equals(prefix) || (id.startsWith(prefix) && id.charAt(prefix.length()) == '.');
    }
}
