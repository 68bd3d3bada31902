package dev.jdbcguard.rules.sql;

import static dev.jdbcguard.rules.sql.StatementKindTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tables, WHERE, LIMIT, select star and INTO OUTFILE of single statements. */
class StatementShapeTest {

    @ParameterizedTest(name = "{0}: where={1} limit={2}")
    @CsvSource(delimiter = '|', value = {
        "DELETE FROM t | false | false",
        "DELETE FROM t WHERE id = 1 | true | false",
        "DELETE FROM t LIMIT 10 | false | true",
        "DELETE FROM t WHERE a = 1 ORDER BY id LIMIT 10 | true | true",
        "DELETE FROM t ORDER BY (SELECT 1 FROM u WHERE u.a = 1 LIMIT 1) | false | false",
        "DELETE t FROM t JOIN u ON t.a = u.a | false | false",
        "DELETE t FROM t JOIN (SELECT a FROM u WHERE b = 1) x ON t.a = x.a | false | false",
        "DELETE t, u FROM t JOIN u ON t.a = u.a WHERE t.id = 1 | true | false",
        "DELETE FROM t USING t JOIN u ON t.a = u.a WHERE u.b = 2 | true | false",
        "UPDATE t SET a = (SELECT max(b) FROM u WHERE u.c = t.c) | false | false",
        "UPDATE t SET a = 1 WHERE id = 2 | true | false",
        "UPDATE t JOIN u ON t.a = u.a SET t.b = u.b | false | false",
        "UPDATE LOW_PRIORITY IGNORE t SET a = 1 LIMIT 5 | false | true",
        "WITH x AS (SELECT id FROM u WHERE b = 1 LIMIT 3) DELETE FROM t | false | false",
        "((SELECT a FROM t WHERE b = 1)) | true | false",
        "SELECT a FROM t WHERE b IN (SELECT c FROM u WHERE d = 1) | true | false",
        "(SELECT a FROM t LIMIT 1) UNION (SELECT b FROM u WHERE c = 2) | true | true",
        "SELECT a FROM t WHERE b = 'WHERE' | true | false",
        "DELETE FROM t /* WHERE id = 1 */ | false | false",
        "DELETE FROM t -- WHERE id = 1 | false | false",
        "DELETE FROM t /*! WHERE id = 1 */ | true | false",
        "DELETE FROM `where` | false | false",
    })
    void whereAndLimitAtStatementLevelOnly(String sql, boolean where, boolean limit) {
        StatementInfo s = only(sql);
        assertThat(s.hasWhere()).as("where").isEqualTo(where);
        assertThat(s.hasLimit()).as("limit").isEqualTo(limit);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "SELECT * FROM t | true",
        "select DISTINCT * from t | true",
        "SELECT t.* FROM t | true",
        "SELECT a, t.* FROM t JOIN u | true",
        "SELECT `t`.* FROM t | true",
        "SELECT SQL_NO_CACHE * FROM t | true",
        "SELECT *, a FROM t | true",
        "((SELECT * FROM t)) | true",
        "SELECT a FROM t UNION ALL (SELECT * FROM u) | true",
        "INSERT INTO t SELECT * FROM u | true",
        "TABLE t | true",
        "SELECT COUNT(*) FROM t | false",
        "SELECT a * b FROM t | false",
        "SELECT 2 * 3 | false",
        "SELECT a FROM t WHERE EXISTS (SELECT * FROM u) | false",
        "SELECT x FROM (SELECT * FROM t) d | false",
        "SELECT a FROM t WHERE b = '*' | false",
        "SELECT /* * */ a FROM t | false",
        "WITH c AS (SELECT * FROM t) SELECT a FROM c | false",
        "WITH c AS (SELECT a FROM t) SELECT * FROM c | true",
    })
    void selectStarOnlyInTheStatementsSelectList(String sql, boolean star) {
        assertThat(only(sql).selectStar()).isEqualTo(star);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "SELECT a FROM t INTO OUTFILE '/tmp/x' | true",
        "SELECT a INTO DUMPFILE '/tmp/x' FROM t | true",
        "SELECT a FROM t INTO @v | false",
        "SELECT 'INTO OUTFILE' FROM t | false",
    })
    void intoOutfile(String sql, boolean outfile) {
        assertThat(only(sql).intoOutfile()).isEqualTo(outfile);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "SELECT a FROM t | t",
        "SELECT a FROM `Shop`.`Order``s` o | shop.order`s",
        "SELECT a FROM T1 AS x, db.t2 y, t3 | t1,db.t2,t3",
        "SELECT a FROM t1 JOIN t2 ON t1.a = t2.a LEFT OUTER JOIN t3 USING (b) STRAIGHT_JOIN t4 | t1,t2,t3,t4",
        "SELECT a FROM t1 JOIN t2 ON t1.a = t2.a, t3 | t1,t2,t3",
        "SELECT a FROM t USE INDEX (i) , u FORCE INDEX FOR JOIN (j) | t,u",
        "SELECT a FROM t PARTITION (p0) x | t",
        "SELECT a FROM t1 JOIN (t2, t3) ON t1.a = t2.a | t1,t2,t3",
        "SELECT a FROM (t1 JOIN t2 ON t1.a = t2.a) LEFT JOIN ((t3)) ON f(t3.b) = (t1.b) | t1,t2,t3",
        "SELECT a FROM t1 JOIN u USING (id) | t1,u",
        "SELECT a FROM (SELECT b FROM t) AS d | t",
        "INSERT INTO t TABLE u | t,u",
        "TABLE db.t ORDER BY a LIMIT 2 | db.t",
        "SELECT a FROM t WHERE b IN (SELECT c FROM u) | t,u",
        "SELECT EXTRACT(YEAR FROM d) FROM t | t",
        "SELECT TRIM(LEADING 'x' FROM s) FROM t | t",
        "SELECT 1 FROM DUAL | ",
        "SELECT a FROM `` | ",
        "SELECT a FROM ``.t | ",
        "WITH c AS (SELECT a FROM t) SELECT a FROM c JOIN u | t,u",
        "INSERT INTO db.t (a) SELECT b FROM u ON DUPLICATE KEY UPDATE a = VALUES(a), b = 2 | db.t,u",
        "INSERT LOW_PRIORITY IGNORE t SET a = 1 | t",
        "REPLACE INTO t VALUES (1) | t",
        "UPDATE t1, t2 SET t1.a = t2.a WHERE t1.id = t2.id | t1,t2",
        "UPDATE t1 JOIN t2 ON t1.id = t2.id SET t1.a = 1 | t1,t2",
        "DELETE FROM t WHERE id = 1 | t",
        "DELETE t1 FROM t1 JOIN t2 ON t1.a = t2.a | t1,t2",
        "DROP TABLE IF EXISTS a, `b`, c.d | a,b,c.d",
        "TRUNCATE TABLE Logs | logs",
        "RENAME TABLE a TO b, c TO d | a,b,c,d",
        "CREATE TABLE IF NOT EXISTS t (id INT) | t",
        "CREATE TABLE t LIKE u | t,u",
        "CREATE INDEX i ON t (a) | t",
        "DROP INDEX i ON db.t | db.t",
        "LOCK TABLES t READ, u AS x WRITE | t,u",
        "LOAD DATA INFILE 'f' REPLACE INTO TABLE t | t",
        "ANALYZE TABLE t, u | t,u",
        "DESCRIBE t | t",
        "CREATE VIEW v AS SELECT a FROM t | v",
        "SELECT a.id FROM {oj orders a LEFT OUTER JOIN items b ON a.id = b.order_id} WHERE a.id = 1 | orders,items",
    })
    void tablesNormalised(String sql, String expected) {
        String[] names = expected == null ? new String[0] : expected.split(",");
        assertThat(only(sql).tables()).containsExactly(names);
    }

    @Test
    void startOffsetPointsAtTheFirstToken() {
        Classification c = SqlClassifier.classifyText("  /* c */ SELECT 1;\n  DELETE FROM t");
        assertThat(c.statements()).extracting(StatementInfo::startOffset).containsExactly(10, 22);
    }
}
