package dev.jdbcguard.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.file.RuleFiles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Statements that once passed every rule by hiding in server-side dynamic SQL or behind a neighbour's
 * {@code guard:allow} comment (issue 17, holes 1 and 2).
 */
class SmuggledStatementsTest {

    private static final RuleSet PRODUCTION = RuleFiles.profile("production");
    private static final RuleSet DEVELOPMENT = RuleFiles.profile("development");

    private static List<String> fired(String sql, RuleSet rules) {
        return StatementJudge.judge(sql, rules).verdict().findings().stream().map(Finding::ruleId).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "PREPARE s FROM 'DROP TABLE t'; EXECUTE s                    | ddl.drop-table",
            "EXECUTE IMMEDIATE 'TRUNCATE TABLE t'                        | ddl.truncate",
            "EXECUTE IMMEDIATE 'DELETE FROM t' USING @a                  | dml.no-where",
            "prepare `s` from \"DELETE FROM t\"                          | dml.no-where",
            // adjacent literals are one string to the server
            "PREPARE s FROM 'DROP ' 'TABLE t'                            | ddl.drop-table",
            "PREPARE s FROM _utf8mb4'DROP TABLE t'                       | ddl.drop-table",
            "PREPARE s FROM N'DROP TABLE t'                              | ddl.drop-table",
            // quotes and escapes inside the literal are undone before it is read
            "PREPARE s FROM 'DELETE FROM `it''s`'                        | dml.no-where",
            "PREPARE s FROM 'DELETE FROM t WHERE a = \\'x\\''; SELECT 1  | ",
            "PREPARE s FROM 'UPDATE t SET a = \\'; WHERE 1\\''           | dml.no-where",
            "PREPARE s FROM 'DELETE\\nFROM\\tt'                          | dml.no-where",
            // an executable comment in the text is code
            "PREPARE s FROM '/*!DROP TABLE t*/'                          | ddl.drop-table",
            "PREPARE s FROM 'DELETE FROM t /*!80000 WHERE id = 1 */'     | dml.no-where",
            // a comment in the literal is the text's own, never an allow of the PREPARE
            "PREPARE s FROM 'DROP TABLE t /* guard:allow ddl */'         | ddl.drop-table",
            "PREPARE s FROM 'PREPARE t FROM ''DROP TABLE u'''            | ddl.drop-table",
            // what the guard cannot read
            "SET @q = CONCAT('DELETE FROM ', 't'); PREPARE s FROM @q; EXECUTE s | query.dynamic-sql",
            "EXECUTE IMMEDIATE @q                                        | query.dynamic-sql",
            "EXECUTE IMMEDIATE CONCAT('DROP TABLE ', 't')                | query.dynamic-sql",
            "PREPARE s FROM x'44524f50205441424c452074'                  | query.dynamic-sql",
            "PREPARE s FROM 'DELETE FROM t' COLLATE utf8mb4_bin          | query.dynamic-sql",
            // the server prepares one statement
            "PREPARE s FROM 'SELECT 1; DROP TABLE t'                     | query.unparseable",
            "PREPARE s FROM 'SELECT ''unterminated'                      | query.unparseable",
    })
    void dynamicSqlIsJudgedByWhatItRuns(String sql, String ruleId) {
        assertThat(fired(sql, PRODUCTION)).isEqualTo(ruleId == null ? List.of() : List.of(ruleId));
        assertThat(StatementJudge.judge(sql, PRODUCTION).blocked()).isEqualTo(ruleId != null);
        if (ruleId != null) {
            Judgement underDevelopment = StatementJudge.judge(sql, DEVELOPMENT);
            assertThat(underDevelopment.blocked()).isFalse();
            assertThat(underDevelopment.verdict().findings()).extracting(Finding::action).containsOnly(Action.WARN);
        }
    }

    @Test
    void plainPreparedStatementsAndProceduresAreUnchanged() {
        for (String sql : List.of("PREPARE s FROM 'SELECT id FROM t WHERE id = ?'", "EXECUTE s USING @id",
                "DEALLOCATE PREPARE s", "DROP PREPARE s", "CALL archive_orders(30)", "{call archive_orders(?)}",
                "EXECUTE IMMEDIATE 'SELECT 1'")) {
            assertThat(fired(sql, PRODUCTION)).as(sql).isEmpty();
        }
    }

    @Test
    void theMigrationProfileWarnsOnConditionalDdl() {
        String idiom = "SET @s = IF(@missing, 'ALTER TABLE t ADD COLUMN c INT', 'DO 0'); PREPARE s FROM @s; EXECUTE s";
        Judgement judgement = StatementJudge.judge(idiom, RuleFiles.profile("migration"));
        assertThat(judgement.blocked()).isFalse();
        assertThat(judgement.verdict().findings()).extracting(Finding::ruleId, Finding::action)
                .containsExactly(org.assertj.core.api.Assertions.tuple("query.dynamic-sql", Action.WARN));
    }

    @Test
    void anAllowCoversItsOwnStatementOnly() {
        assertThat(fired("DELETE FROM a; /* guard:allow dml.no-where */ DELETE FROM b", PRODUCTION))
                .containsExactly("dml.no-where");
        assertThat(StatementJudge.judge("DELETE FROM a; /* guard:allow dml.no-where */ DELETE FROM b", PRODUCTION)
                .verdict().findings().get(0).statementIndex()).isZero();
        // inside the statement, before its first word, or after the last ';': its own
        assertThat(fired("DELETE FROM a /* guard:allow dml.no-where */; DELETE FROM b WHERE id = 1", PRODUCTION)).isEmpty();
        assertThat(fired("-- guard:allow dml.no-where\nDELETE FROM a; DELETE FROM b", PRODUCTION))
                .containsExactly("dml.no-where");
        assertThat(fired("DELETE FROM a WHERE id = 1; DELETE FROM b; -- guard:allow dml.no-where", PRODUCTION)).isEmpty();
        assertThat(fired("DELETE FROM a; DELETE FROM b WHERE id = 1; -- guard:allow dml.no-where", PRODUCTION))
                .containsExactly("dml.no-where");
        // the carrier's allow covers the text it prepares
        assertThat(fired("/* guard:allow ddl.drop-table */ PREPARE s FROM 'DROP TABLE t'", PRODUCTION)).isEmpty();
    }

    @Test
    void aHintInAStringOrQuotedIdentifierNeverCounts() {
        assertThat(fired("DELETE FROM a WHERE note = '/* guard:allow dml.no-where */'; DELETE FROM b", PRODUCTION))
                .containsExactly("dml.no-where");
        assertThat(fired("DELETE FROM `/* guard:allow dml.no-where */`", PRODUCTION)).containsExactly("dml.no-where");
        assertThat(fired("DELETE FROM t -- \"guard:allow dml.no-where\" is in a comment, so it counts", PRODUCTION))
                .isEmpty();
    }

    @Test
    void aRuleFileCanTurnInlineAllowsOff() {
        RuleSet strict = RuleFiles.parse("extends: production\ninline-allows: false\n", "strict.yaml", "production");
        RuleSet inherits = RuleFiles.parse("extends: development\n", "dev.yaml", "production");
        assertThat(PRODUCTION.inlineAllows()).isTrue();
        assertThat(inherits.inlineAllows()).isTrue();
        assertThat(strict.inlineAllows()).isFalse();
        String allowed = "DELETE FROM t /* guard:allow dml.no-where */";
        assertThat(fired(allowed, PRODUCTION)).isEmpty();
        assertThat(fired(allowed, strict)).containsExactly("dml.no-where");
        assertThat(StatementJudge.judge(allowed, strict).blocked()).isTrue();
    }
}
