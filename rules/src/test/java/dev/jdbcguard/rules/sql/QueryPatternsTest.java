package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each query pattern on its example and its counter-example, and none on realistic ORM SQL that is fine. */
class QueryPatternsTest {

    private static List<QueryPattern> patterns(String sql) {
        List<StatementInfo> statements = SqlClassifier.classifyText(sql).statements();
        assertThat(statements).hasSize(1);
        return statements.get(0).patterns();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            LEADING_WILDCARD       | SELECT id FROM customers WHERE email LIKE '%@example.com'
            LEADING_WILDCARD       | SELECT id FROM customers WHERE name LIKE '_ob'
            LEADING_WILDCARD       | SELECT id FROM customers WHERE name NOT LIKE '%test%'
            LEADING_WILDCARD       | SELECT id FROM customers WHERE name LIKE CONCAT('%', ?)
            LEADING_WILDCARD       | DELETE FROM customers WHERE email LIKE N'%@spam.test'
            FUNCTION_ON_COLUMN     | SELECT id FROM orders WHERE DATE(created_at) = ?
            FUNCTION_ON_COLUMN     | select c1_0.id from customers c1_0 where upper(c1_0.email)=upper(?)
            FUNCTION_ON_COLUMN     | select c1_0.id from customers c1_0 where lower(c1_0.name) like lower(?) escape '!'
            FUNCTION_ON_COLUMN     | SELECT id FROM orders WHERE total_cents / 100 > ?
            FUNCTION_ON_COLUMN     | SELECT id FROM orders WHERE COALESCE(paid_at, created_at) > ?
            FUNCTION_ON_COLUMN     | UPDATE orders SET status = 'old' WHERE YEAR(`created_at`) < 2020
            FUNCTION_ON_COLUMN     | SELECT id FROM orders WHERE ? = LOWER(status)
            ORDER_BY_RAND          | SELECT id FROM products ORDER BY RAND() LIMIT 5
            ORDER_BY_RAND          | SELECT id FROM (SELECT id FROM products ORDER BY rand(?) LIMIT 5) p
            INSERT_WITHOUT_COLUMNS | INSERT INTO orders VALUES (?, ?, ?)
            INSERT_WITHOUT_COLUMNS | INSERT IGNORE INTO app.orders VALUE (1, 2)
            INSERT_WITHOUT_COLUMNS | REPLACE INTO orders SELECT * FROM orders_import
            INSERT_WITHOUT_COLUMNS | INSERT INTO orders_archive (SELECT * FROM orders WHERE id < ?)
            LIMIT_WITHOUT_ORDER    | DELETE FROM sessions WHERE expires_at < ? LIMIT 1000
            LIMIT_WITHOUT_ORDER    | UPDATE jobs SET owner = ? WHERE owner IS NULL LIMIT 1
            ALWAYS_TRUE_WHERE      | DELETE FROM audit WHERE 1=1
            ALWAYS_TRUE_WHERE      | UPDATE customers SET name = TRIM(name) WHERE 1
            ALWAYS_TRUE_WHERE      | DELETE FROM audit WHERE TRUE
            ALWAYS_TRUE_WHERE      | DELETE FROM audit WHERE (1 = 1)
            ALWAYS_TRUE_WHERE      | DELETE FROM audit WHERE '1'='1'
            ALWAYS_TRUE_WHERE      | DELETE FROM audit WHERE id = id
            ALWAYS_TRUE_WHERE      | DELETE FROM audit WHERE created_at < ? OR 1=1
            """)
    void firesOnItsExample(QueryPattern expected, String sql) {
        assertThat(patterns(sql)).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // the counter-examples
        "SELECT id FROM customers WHERE email LIKE 'bob%'",
        "SELECT id FROM customers WHERE email LIKE ?",
        "SELECT id FROM customers WHERE email LIKE CONCAT(?, '%')",
        "SHOW TABLES LIKE '%orders%'",
        "SELECT id FROM orders WHERE created_at >= ? AND created_at < ? + INTERVAL 1 DAY",
        "SELECT id FROM orders WHERE created_at > DATE_SUB(NOW(), INTERVAL 1 DAY)",
        "SELECT id FROM orders WHERE email = LOWER(?)",
        "SELECT id FROM orders WHERE total_cents >= ? * 100",
        "SELECT DATE(created_at), COUNT(*) FROM orders GROUP BY DATE(created_at)",
        "UPDATE orders SET total_cents = total_cents + ? WHERE id = ?",
        "SELECT id FROM products ORDER BY random_rank LIMIT 5",
        "SELECT RAND() FROM dual",
        "INSERT INTO orders (customer_id, total_cents) VALUES (?, ?)",
        "INSERT INTO orders SET customer_id = ?, total_cents = ?",
        "INSERT INTO counters () VALUES ()",
        "INSERT INTO orders_archive (id, total_cents) SELECT id, total_cents FROM orders",
        "DELETE FROM sessions WHERE expires_at < ? ORDER BY id LIMIT 1000",
        "SELECT id FROM orders WHERE status = ? LIMIT 10",
        "DELETE FROM audit WHERE 1=1 AND created_at < ?",
        "SELECT id FROM t WHERE 1=1 AND a = ? AND b = ?",
        "DELETE FROM audit WHERE 0",
        "SELECT id FROM t WHERE ? = ?",
        "SELECT id FROM t WHERE a = b",
        // Hibernate 6 / Spring Data / jOOQ shapes
        "select o1_0.id,o1_0.customer_id,o1_0.status,o1_0.version from orders o1_0 where o1_0.id=?",
        "insert into orders (customer_id,status,total_cents,version,id) values (?,?,?,?,?)",
        "update orders set status=?,version=? where id=? and version=?",
        "delete from orders where id=? and version=?",
        "select o1_0.id from orders o1_0 join customers c1_0 on c1_0.id=o1_0.customer_id where c1_0.email=? order by o1_0.created_at desc limit ?,?",
        "select count(o1_0.id) from orders o1_0 where o1_0.status in (?,?,?)",
        "select o1_0.id from orders o1_0 where o1_0.note like ? escape '\\\\'",
        "select o1_0.id from orders o1_0 where o1_0.created_at between ? and ? order by o1_0.id offset ? rows fetch first ? rows only",
        "select o1_0.id from orders o1_0 where o1_0.id in (select max(o2_0.id) from orders o2_0 group by o2_0.customer_id)",
        "select o1_0.id from orders o1_0 where exists(select 1 from order_lines l1_0 where l1_0.order_id=o1_0.id)",
        "select o1_0.id from orders o1_0 where (o1_0.customer_id, o1_0.status) in ((?, ?), (?, ?))",
        "select o1_0.id from orders o1_0 where o1_0.id=? for update",
        "select `orders`.`id`, `orders`.`status` from `orders` where `orders`.`customer_id` = ? limit ?",
        "insert into `orders` (`customer_id`, `status`) values (?, ?) on duplicate key update `status` = values(`status`)",
        "SELECT * FROM QRTZ_TRIGGERS WHERE SCHED_NAME = ? AND TRIGGER_STATE = ?",
        "SELECT VERSION, SCRIPT, CHECKSUM FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank"})
    void quietOnItsCounterExamplesAndOnOrmSql(String sql) {
        assertThat(patterns(sql)).isEmpty();
    }
}
