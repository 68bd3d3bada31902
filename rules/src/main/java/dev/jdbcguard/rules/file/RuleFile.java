package dev.jdbcguard.rules.file;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.Allow;
import dev.jdbcguard.rules.Mode;
import dev.jdbcguard.rules.Rule;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One parsed and validated rule file, before it is layered on the profile it extends.
 *
 * @param source      file name for messages
 * @param extendsName the profile it extends, or {@code null}
 * @param maxAction   the cap on inherited actions, or {@code null}
 * @param description free text ({@code description:}), or {@code null}
 * @param inlineAllows {@code inline-allows:}, or {@code null} to inherit it
 * @param mode        {@code mode:}, or {@code null} to inherit it
 * @param allows      the {@code allow:} entries
 * @param rules       the {@code rules:} entries
 * @param tables      the {@code tables:} entries by normalized table name
 */
record RuleFile(String source, String extendsName, Position extendsPosition, Action maxAction, String description,
                Boolean inlineAllows, Mode mode, List<Allow> allows, List<Setting> rules,
                Map<String, List<Setting>> tables) {

    /** A line and column (1-based) in the file. */
    record Position(int line, int column) {
    }

    /**
     * One entry: a rule id or prefix, its action ({@code null} when the entry only sets parameters) and its parsed
     * parameters.
     */
    record Setting(String key, Action action, Map<String, Object> params) {

        boolean covers(Rule rule) {
            return rule.isUnder(key);
        }
    }

    /**
     * The most specific setting in {@code settings} that covers {@code rule} and passes {@code sets} (sets its
     * action, or a given parameter); {@code null} when none does. Keys are unique within a file, so the most
     * specific is the longest.
     */
    static Setting mostSpecific(List<Setting> settings, Rule rule, Predicate<Setting> sets) {
        Setting best = null;
        for (Setting setting : settings) {
            if (setting.covers(rule) && sets.test(setting) && (best == null || setting.key().length() > best.key().length())) {
                best = setting;
            }
        }
        return best;
    }
}
