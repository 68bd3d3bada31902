package dev.jdbcguard.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.RuleSource;
import dev.jdbcguard.rules.file.RuleFiles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementJudgeTest {

    private static final RuleSet PRODUCTION = RuleFiles.profile("production");
    private static final RuleSet PLANETSCALE = RuleFiles.profile("planetscale");

    private static List<String> fired(String sql, RuleSet rules) {
        return StatementJudge.judge(sql, rules).verdict().findings().stream().map(Finding::ruleId).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "DROP DATABASE shop                                  | ddl.drop-database",
            "DROP TABLE orders                                   | ddl.drop-table",
            "TRUNCATE TABLE orders                               | ddl.truncate",
            "ALTER TABLE logs DROP PARTITION p2019               | ddl.truncate",
            "ALTER TABLE orders DROP COLUMN note                 | ddl.drop-column",
            "RENAME TABLE orders TO orders_old                   | ddl.rename-table",
            "ALTER TABLE orders RENAME TO orders_old             | ddl.rename-table",
            "ALTER TABLE orders RENAME COLUMN note TO remark     | ddl.rename-column",
            "ALTER TABLE orders MODIFY note VARCHAR(10) NOT NULL | ddl.modify-column",
            "DROP INDEX idx_note ON orders                       | ddl.drop-index",
            "ALTER TABLE orders DROP INDEX idx_note              | ddl.drop-index",
            "CREATE UNIQUE INDEX u_email ON users (email)        | ddl.add-unique-index",
            "ALTER TABLE users ADD UNIQUE (email)                | ddl.add-unique-index",
            "CREATE INDEX i_email ON users (email)               | ddl.add-index",
            "ALTER TABLE users ADD INDEX i_email (email)         | ddl.add-index",
            "ALTER TABLE users ADD COLUMN age INT                | ddl.add-column",
            "ALTER TABLE o ADD FOREIGN KEY (u) REFERENCES users (id) | ddl.add-foreign-key",
            "CREATE TABLE t (id INT PRIMARY KEY)                 | ddl.create-table",
            "CREATE VIEW v AS SELECT id FROM t                   | ddl.other",
            "ALTER TABLE t ENGINE=MyISAM                         | ddl.other",
            "UPDATE orders SET paid = 1                          | dml.no-where",
            "DELETE FROM orders ORDER BY id LIMIT 10             | dml.no-where",
            "SELECT 'unterminated FROM t                         | query.unparseable",
    })
    void eachStatementRuleFiresInProduction(String sql, String ruleId) {
        assertThat(fired(sql, PRODUCTION)).containsExactly(ruleId);
        assertThat(StatementJudge.judge(sql, PRODUCTION).blocked()).isTrue();
    }

    @Test
    void harmlessStatementsPass() {
        for (String sql : List.of("SELECT id FROM orders WHERE id = 1", "UPDATE orders SET paid = 1 WHERE id = 7",
                "DELETE FROM orders WHERE created < NOW() - INTERVAL 1 DAY", "INSERT INTO t (a) VALUES (1)",
                "SELECT * FROM orders", "SET NAMES utf8mb4", "COMMIT",
                // JDBC's call escape (prepareCall), and session-only tables, which change no schema
                "{call refresh_totals(?)}", "{? = call next_id()}", "CREATE TEMPORARY TABLE tmp_ids (id BIGINT)",
                "DROP TEMPORARY TABLE IF EXISTS tmp_ids")) {
            Judgement judgement = StatementJudge.judge(sql, PRODUCTION);
            assertThat(judgement.verdict()).as(sql).isSameAs(Verdict.PASS);
            assertThat(judgement.blocked()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "LOAD DATA INFILE '/tmp/x.csv' INTO TABLE t              | planetscale.load-data           | block",
            "SELECT id FROM t INTO OUTFILE '/tmp/x'                  | planetscale.into-outfile        | block",
            "LOCK TABLES t WRITE                                     | planetscale.lock-tables         | warn",
            "CALL refresh_totals(7)                                  | planetscale.stored-routine      | block",
            "{call refresh_totals(?)}                                | planetscale.stored-routine      | block",
            "SELECT jt.id FROM t, JSON_TABLE(t.doc, '$[*]' COLUMNS (id INT PATH '$.id')) AS jt | planetscale.unsupported-syntax | warn",
            "SELECT id, @n := @n + 1 AS rn FROM t WHERE a = 1         | planetscale.unsupported-syntax  | warn",
            "SET GLOBAL max_connections = 500                        | planetscale.unsupported-syntax  | warn",
            "SET @@global.sql_mode = 'STRICT_ALL_TABLES'              | planetscale.unsupported-syntax  | warn",
            "OPTIMIZE TABLE t                                        | planetscale.unsupported-syntax  | warn",
            "CREATE TABLE c (id INT, p INT, FOREIGN KEY (p) REFERENCES par (id)) | planetscale.foreign-key | warn",
    })
    void planetscaleStatementRules(String sql, String ruleId, String action) {
        Judgement judgement = StatementJudge.judge(sql, PLANETSCALE);
        assertThat(judgement.verdict().findings()).filteredOn(f -> f.ruleId().equals(ruleId))
                .extracting(f -> f.action().label()).containsExactly(action);
        assertThat(fired(sql, PRODUCTION)).doesNotContain(ruleId);
    }

    @Test
    void onlyASingleSchemaChangeLeavesTheFastPathWhenNoRuleFired() {
        RuleSet development = RuleFiles.profile("development");
        for (String sql : List.of("SELECT id FROM orders WHERE id = 1", "UPDATE orders SET paid = 1 WHERE id = 7",
                "CREATE TEMPORARY TABLE t (id INT)", "TRUNCATE TABLE t", "CREATE VIEW v AS SELECT 1",
                "ALTER TABLE a ADD INDEX (x); ALTER TABLE b ADD INDEX (y)")) {
            Judgement judgement = StatementJudge.judge(sql, development);
            assertThat(judgement.schemaChange()).as(sql).isFalse();
            assertThat(judgement.clean()).as(sql).isEqualTo(judgement.verdict() == Verdict.PASS);
        }
        for (String sql : List.of("CREATE TABLE t (id INT PRIMARY KEY)", "ALTER TABLE t ADD INDEX (x)", "DROP TABLE t",
                "RENAME TABLE t TO u", "CREATE INDEX i ON t (x)", "DROP INDEX i ON t")) {
            Judgement judgement = StatementJudge.judge(sql, development);
            assertThat(judgement.schemaChange()).as(sql).isTrue();
            assertThat(judgement.clean()).as(sql).isFalse();
        }
    }

    @Test
    void planetscaleSyntaxRuleNamesEveryConstructOnceAndSparesLookAlikes() {
        assertThat(StatementJudge.judge("SELECT @n := @n + 1, jt.x FROM t, JSON_TABLE(t.d, '$' COLUMNS (x INT PATH '$.x')) jt"
                + " WHERE @m := 2", PLANETSCALE).verdict().findings())
                .filteredOn(f -> f.ruleId().equals("planetscale.unsupported-syntax"))
                .singleElement().satisfies(f -> assertThat(f.detail()).isEqualTo("variable assignment with :=, JSON_TABLE on t"));
        for (String sql : List.of("SET @v := 1", "SET @v = @@global.max_connections", "SELECT 'a := b', `json_table` FROM t",
                "SELECT @@global.version", "SET SESSION sql_mode = 'GLOBAL'", "ANALYZE TABLE t", "SELECT id FROM t WHERE a = 1")) {
            assertThat(fired(sql, PLANETSCALE)).as(sql).doesNotContain("planetscale.unsupported-syntax");
        }
    }

    @Test
    void planetscaleDatabaseAndRoutineStatementsFireBothRules() {
        assertThat(fired("CREATE DATABASE shop", PLANETSCALE)).containsExactly("ddl.other", "planetscale.create-database");
        assertThat(fired("DROP DATABASE shop", PLANETSCALE)).containsExactly("ddl.drop-database", "planetscale.create-database");
        assertThat(fired("CREATE PROCEDURE p() SELECT 1", PLANETSCALE)).containsExactly("ddl.other", "planetscale.stored-routine");
    }

    @Test
    void eachStatementOfAMultiStatementStringIsJudgedWithItsOwnOffset() {
        String sql = "SELECT id FROM a WHERE id = 1;\n# cleanup\nDELETE FROM b;\nALTER TABLE c DROP COLUMN x, ADD COLUMN y INT, ADD COLUMN z INT";
        Judgement judgement = StatementJudge.judge(sql, PRODUCTION);
        assertThat(judgement.verdict().findings())
                .extracting(Finding::ruleId, Finding::statementIndex, Finding::table, Finding::action)
                .containsExactly(
                        tuple("dml.no-where", 1, "b", Action.BLOCK),
                        tuple("ddl.drop-column", 2, "c", Action.BLOCK),
                        tuple("ddl.add-column", 2, "c", Action.BLOCK));
        Finding delete = judgement.verdict().findings().get(0);
        assertThat(sql.substring(delete.startOffset())).startsWith("DELETE FROM b");
        assertThat(delete.message()).startsWith("[jdbc-guard] dml.no-where: DELETE without WHERE on b. ")
                .contains(" Fix: Add the WHERE clause you meant.");
        assertThat(delete.fingerprint()).isNotBlank();
        assertThat(judgement.verdict().worst()).isEqualTo(Action.BLOCK);
    }

    @Test
    void aRecreateInOneMultiStatementStringIsNoDrop() {
        RuleSet migration = RuleFiles.profile("migration");
        assertThat(fired("DROP TABLE IF EXISTS cache; CREATE TABLE cache (k INT PRIMARY KEY)", migration)).isEmpty();
        assertThat(fired("DROP TABLE IF EXISTS cache; CREATE TABLE cache (k INT PRIMARY KEY)", PRODUCTION))
                .containsExactly("ddl.recreate-table", "ddl.create-table");
        assertThat(fired("DROP TABLE IF EXISTS cache; CREATE TABLE other (k INT PRIMARY KEY)", migration))
                .containsExactly("ddl.drop-table");
        assertThat(fired("DROP TABLE IF EXISTS cache", migration)).as("alone: a drop").containsExactly("ddl.drop-table");
        assertThat(fired("ALTER TABLE t DROP INDEX i, ADD INDEX i (a, b)", migration)).as("an index rebuild").isEmpty();
        assertThat(fired("ALTER TABLE t DROP INDEX i, ADD INDEX i (a, b)", PRODUCTION)).containsExactly("ddl.add-index");
        assertThat(fired("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)", PRODUCTION)).containsExactly("ddl.add-check");
        assertThat(fired("ALTER TABLE t ALTER CHECK c NOT ENFORCED", PRODUCTION)).containsExactly("ddl.other");
    }

    @Test
    void guardAllowCommentsExemptIdsAndPrefixes() {
        assertThat(fired("/* guard:allow dml.no-where */ DELETE FROM sessions", PRODUCTION)).isEmpty();
        assertThat(fired("ALTER TABLE t DROP COLUMN a, ADD INDEX i (b) /* guard:allow ddl */", PRODUCTION)).isEmpty();
        assertThat(fired("/* guard:allow ddl.add-index */ ALTER TABLE t DROP COLUMN a, ADD INDEX i (b)", PRODUCTION))
                .containsExactly("ddl.drop-column");
        assertThat(fired("/* guard:allow dml.no-wher */ DELETE FROM sessions", PRODUCTION)).containsExactly("dml.no-where");
    }

    @Test
    void tableExceptionsDecidePerTable() {
        RuleSet rules = RuleFiles.parse("""
                rules:
                  query.select-star: {action: warn, ignore-tables: [lookup]}
                tables:
                  sessions: {dml.no-where: off}
                  audit: {dml.no-where: warn}
                """, "t.yaml", "production");
        assertThat(fired("DELETE FROM sessions", rules)).isEmpty();
        assertThat(StatementJudge.judge("DELETE FROM app.audit", rules).verdict().findings())
                .extracting(Finding::action, Finding::table).containsExactly(tuple(Action.WARN, "app.audit"));
        assertThat(fired("SELECT * FROM lookup", rules)).isEmpty();
        assertThat(fired("SELECT * FROM orders", rules)).containsExactly("query.select-star");
        assertThat(StatementJudge.judge("SELECT * FROM lookup JOIN orders ON lookup.id = orders.l", rules).verdict().findings())
                .extracting(Finding::table).containsExactly("orders");
    }

    @Test
    void developmentWarnsWhereProductionBlocks() {
        Judgement judgement = StatementJudge.judge("DROP TABLE orders", RuleFiles.profile("development"));
        assertThat(judgement.blocked()).isFalse();
        assertThat(judgement.verdict().worst()).isEqualTo(Action.WARN);
    }

    @Test
    void aStringIsCachedAtItsSecondJudgementAndThenServedAsTheSameInstance() {
        StatementJudge judge = new StatementJudge(RuleSource.fixed(PRODUCTION), 100);
        String sql = "DELETE FROM orders";
        Judgement first = judge.judge(sql);
        assertThat(judge.cachedEntries()).isZero();
        Judgement second = judge.judge(new String(sql.toCharArray()));
        assertThat(second).isNotSameAs(first);
        assertThat(second.blocked()).isTrue();
        assertThat(judge.cachedEntries()).isEqualTo(1);
        assertThat(judge.judge(new String(sql.toCharArray()))).isSameAs(second);
        assertThat(judge.judge("SELECT 1")).isNotSameAs(second);
    }

    @Test
    void stringsJudgedOnceAreNeverCached() {
        StatementJudge judge = new StatementJudge(RuleSource.fixed(PRODUCTION), 1_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(judge.judge("SELECT name FROM users WHERE id = " + i).blocked()).isFalse();
        }
        assertThat(judge.cachedEntries()).isZero();
        judge.judge("SELECT name FROM users WHERE id = 4999");
        assertThat(judge.cachedEntries()).isEqualTo(1);
    }

    @Test
    void theSightingArrayGrowsWithTheCacheWithinItsBounds() {
        assertThat(StatementJudge.sightingSlots(1)).isEqualTo(1 << 10);
        assertThat(StatementJudge.sightingSlots(10_000)).isEqualTo(1 << 15);
        assertThat(StatementJudge.sightingSlots(200_000)).isEqualTo(1 << 16);
    }

    @Test
    void aRuleSetSwapIsNeverServedAStaleVerdict() {
        SwappableRules source = new SwappableRules(PRODUCTION);
        StatementJudge judge = new StatementJudge(source, 100);
        judge.judge("DROP TABLE orders");
        Judgement underProduction = judge.judge("DROP TABLE orders"); // the second judgement is cached
        assertThat(underProduction.blocked()).isTrue();
        assertThat(judge.judge("DROP TABLE orders")).isSameAs(underProduction);
        source.swap(RuleFiles.profile("migration"));
        Judgement underMigration = judge.judge("DROP TABLE orders");
        assertThat(underMigration.blocked()).isFalse();
        assertThat(underMigration.verdict().worst()).isEqualTo(Action.WARN);
        assertThat(judge.judge("DROP TABLE orders")).isSameAs(underMigration);
    }

    @Test
    void theCacheStaysBoundedUnderDistinctLiterals() {
        StatementJudge judge = new StatementJudge(RuleSource.fixed(PRODUCTION), 1_000);
        String fingerprint = null;
        for (int i = 0; i < 20_000; i++) {
            Judgement judgement = judge.judge("SELECT name FROM users WHERE id = " + i);
            if (fingerprint == null) {
                fingerprint = judgement.fingerprint();
            }
            assertThat(judgement.fingerprint()).isEqualTo(fingerprint);
        }
        assertThat(judge.cachedEntries()).isLessThanOrEqualTo(1_000);
    }
}
