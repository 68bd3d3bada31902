package dev.jdbcguard.driver.plan;

import dev.jdbcguard.driver.mariadb.RenderedLiteral;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatementTextTest {

    @Test
    void explainableStatements() {
        assertThat(StatementText.of("/* c */ select 1 from t").explainable()).isTrue();
        assertThat(StatementText.of("(SELECT a FROM t) UNION (SELECT a FROM u)").explainable()).isTrue();
        assertThat(StatementText.of("WITH x AS (SELECT 1) SELECT * FROM x").explainable()).isTrue();
        assertThat(StatementText.of("update t set a = 1").explainable()).isTrue();
        assertThat(StatementText.of("DELETE FROM t").explainable()).isTrue();
        assertThat(StatementText.of("REPLACE INTO t SELECT * FROM u").explainable()).isTrue();
        assertThat(StatementText.of("INSERT INTO t SELECT * FROM u").explainable()).isTrue();
        assertThat(StatementText.of("INSERT INTO t VALUES (1)").explainable()).isFalse();
        assertThat(StatementText.of("SET @a = 1").explainable()).isFalse();
        assertThat(StatementText.of("EXPLAIN SELECT 1").explainable()).isFalse();
        assertThat(StatementText.of("-- only a comment").explainable()).isFalse();
        assertThat(StatementText.of("SELECT SLEEP(1)").explainable()).as("no table").isFalse();
        assertThat(StatementText.of("SELECT a FROM t; DELETE FROM t").explainable()).as("two statements").isFalse();
        assertThat(StatementText.of("SELECT a FROM t;").explainable()).as("one statement and its terminator").isTrue();
        assertThat(StatementText.of("SELECT a FROM t /*!; DELETE FROM t */").explainable())
                .as("an executable comment is code to the server: two statements").isFalse();
        assertThat(StatementText.of("SELECT a FROM t /* ; */").explainable()).as("a plain comment is not").isTrue();
    }

    @Test
    void placeholdersInQuotesAndCommentsAreNotPlaceholders() {
        StatementText text = StatementText.of("SELECT '?', `a?`, \"?\" /* ? */ FROM t WHERE a = ? -- ?\n AND b = ?");

        assertThat(text.placeholderCount()).isEqualTo(2);
        assertThat(text.inline(List.of(1, "x'y\\z")))
                .isEqualTo("SELECT '?', `a?`, \"?\" /* ? */ FROM t WHERE a = 1 -- ?\n AND b = 'x''y\\\\z'");
    }

    @Test
    void inliningNeedsOneLiteralPerPlaceholder() {
        StatementText text = StatementText.of("SELECT * FROM t WHERE a = ? AND b IN (?, ?) AND c = ?");

        assertThat(text.inline(null)).isNull();
        assertThat(text.inline(List.of(1))).isNull();
        assertThat(text.inline(List.of(new Object(), 1, 2, 3))).isNull();
        assertThat(text.inline(Arrays.asList(null, true, new byte[] {1, (byte) 0xab}, LocalDate.of(2026, 1, 2))))
                .isEqualTo("SELECT * FROM t WHERE a = NULL AND b IN (TRUE, X'01ab') AND c = '2026-01-02'");
    }

    @Test
    void tablesByTheNameExplainShows() {
        assertThat(StatementText.of("SELECT * FROM shop.Orders o, items JOIN `customers` AS c ON c.id = o.customer_id")
                .tablesByAlias())
                .containsExactly(Map.entry("o", "shop.orders"), Map.entry("items", "items"), Map.entry("c", "customers"));
        assertThat(StatementText.of("UPDATE orders SET a = 1 WHERE b = 2").tablesByAlias())
                .containsExactly(Map.entry("orders", "orders"));
        assertThat(StatementText.of("DELETE FROM orders WHERE b = 2").tablesByAlias())
                .containsExactly(Map.entry("orders", "orders"));
    }

    @Test
    void comparedColumnsPutEqualitiesFirstThenOneRange() {
        StatementText single = StatementText.of(
                "SELECT * FROM orders WHERE created_at > ? AND customer_id = ? AND total < 5 AND status IN ('a') ORDER BY x = 1");

        assertThat(single.comparedColumns("orders", 1)).containsExactly("customer_id", "status", "created_at");
    }

    @Test
    void comparedColumnsOfOneAliasInAJoin() {
        StatementText join = StatementText.of(
                "SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.country = 'DE' AND 5 < o.total AND note = 1");

        assertThat(join.comparedColumns("o", 2)).containsExactly("customer_id", "total");
        assertThat(join.comparedColumns("c", 2)).containsExactly("id", "country");
    }

    @Test
    void setAssignmentsAndNegationsAreNotPredicates() {
        StatementText update = StatementText.of("UPDATE orders SET status = 'x' WHERE note NOT LIKE 'a%' AND id <> 3");

        assertThat(update.comparedColumns("orders", 1)).isEmpty();
    }

    @Test
    void aDriversRenderedValueIsInlinedOnlyWhenItIsOneLiteral() {
        StatementText scan = StatementText.of("SELECT id FROM orders WHERE note = ? AND total > ?");
        assertThat(scan.inline(List.of(new RenderedLiteral("'it\\'s'"), new RenderedLiteral("-12.50"))))
                .isEqualTo("SELECT id FROM orders WHERE note = 'it\\'s' AND total > -12.50");
        for (String text : List.of("'a' OR 1=1", "1; DROP TABLE orders", "_binary 'x'", "'unterminated", "", "- -1", "@v")) {
            assertThat(StatementText.oneLiteral(text)).as(text).isFalse();
            assertThat(scan.inline(Arrays.asList(new RenderedLiteral(text), null))).as(text).isNull();
        }
        assertThat(StatementText.oneLiteral("x'0A'")).isTrue();
        assertThat(StatementText.oneLiteral("'2024-01-02 03:04:05.123'")).isTrue();
    }
}
