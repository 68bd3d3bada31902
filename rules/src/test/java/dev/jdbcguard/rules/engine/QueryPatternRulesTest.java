package dev.jdbcguard.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.file.RuleFiles;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The static query-shape rules through the judge, with each built-in profile's default. */
class QueryPatternRulesTest {

    private static List<String> fired(String sql, RuleSet rules, Action action) {
        return StatementJudge.judge(sql, rules).verdict().findings().stream()
                .filter(finding -> finding.action() == action).map(Finding::ruleId).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            query.leading-wildcard     | SELECT id FROM customers WHERE email LIKE '%@example.com'                | warn | off  | warn
            query.function-on-column   | SELECT id FROM orders WHERE DATE(created_at) = ?                         | warn | off  | warn
            query.order-by-rand        | SELECT id FROM products ORDER BY RAND() LIMIT 5                          | warn | off  | warn
            dml.insert-without-columns | INSERT INTO orders VALUES (?, ?, ?)                                      | warn | off  | warn
            dml.limit-without-order    | DELETE FROM sessions WHERE expires_at < ? LIMIT 1000                     | warn | warn | warn
            query.always-true-where    | DELETE FROM audit WHERE 1=1                                              | warn | warn | warn
            """)
    void defaultsPerProfile(String ruleId, String sql, String production, String migration, String planetscale) {
        String[] profiles = {"production", "migration", "planetscale", "development"};
        String[] expected = {production, migration, planetscale, production};
        for (int i = 0; i < profiles.length; i++) {
            RuleSet rules = RuleFiles.profile(profiles[i]);
            Action action = Action.parse(expected[i]);
            assertThat(rules.action(ruleId)).as(profiles[i]).isEqualTo(action);
            if (action != Action.OFF) {
                assertThat(fired(sql, rules, action)).as(profiles[i]).contains(ruleId);
            } else {
                assertThat(fired(sql, rules, Action.WARN)).as(profiles[i]).doesNotContain(ruleId);
                assertThat(fired(sql, rules, Action.BLOCK)).as(profiles[i]).doesNotContain(ruleId);
            }
        }
    }
}
