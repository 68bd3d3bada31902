package dev.jdbcguard.rules.sql;

import java.util.List;

/** Valid single statements, one of each form the classifier reads, for mutation and composition. */
final class SqlCorpus {
    private SqlCorpus() {
    }

    static final List<String> STATEMENTS = List.of(
        "SELECT * FROM t WHERE id = 1",
        "SELECT a, b FROM `db`.`t` AS x JOIN u ON x.id = u.id WHERE u.c IN (1, 2, 3) ORDER BY a LIMIT 10",
        "SELECT COUNT(*) FROM t WHERE s = 'it''s' AND d = \"q\\\"x\"",
        "((SELECT a FROM t)) UNION ALL (SELECT b FROM u)",
        "WITH c AS (SELECT id FROM u WHERE b = 2) SELECT * FROM t JOIN c USING (id)",
        "SELECT /*+ MAX_EXECUTION_TIME(100) */ a FROM t FOR UPDATE",
        "SELECT a FROM t INTO OUTFILE '/tmp/out.csv'",
        "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')",
        "INSERT INTO t SELECT * FROM u ON DUPLICATE KEY UPDATE a = VALUES(a)",
        "REPLACE INTO t SET a = 0x1F, b = b'0101'",
        "UPDATE t SET a = a + 1 WHERE id = ? LIMIT 1",
        "UPDATE t JOIN u ON t.id = u.id SET t.a = u.a",
        "DELETE FROM t",
        "DELETE FROM t WHERE id IN (SELECT id FROM u WHERE x = 1)",
        "DELETE t1, t2 FROM t1 JOIN t2 ON t1.a = t2.a WHERE t1.b = 1",
        "CREATE TABLE t (id BIGINT PRIMARY KEY, u INT, FOREIGN KEY (u) REFERENCES u (id)) ENGINE=InnoDB",
        "ALTER TABLE t ADD COLUMN c INT, DROP COLUMN d, ADD UNIQUE INDEX ux (e), CHANGE f g INT, ENGINE=InnoDB",
        "ALTER TABLE t RENAME TO u",
        "DROP TABLE IF EXISTS t, u",
        "TRUNCATE TABLE t",
        "RENAME TABLE a TO b",
        "CREATE UNIQUE INDEX i ON t (a)",
        "DROP INDEX i ON t",
        "CREATE DATABASE d",
        "DROP DATABASE d",
        "CREATE VIEW v AS SELECT a FROM t",
        "CREATE PROCEDURE p() SELECT 1",
        "SET autocommit = 0",
        "SET STATEMENT max_statement_time = 1 FOR DELETE FROM t",
        "SHOW TABLES",
        "USE db",
        "START TRANSACTION",
        "COMMIT",
        "ROLLBACK TO SAVEPOINT s",
        "LOAD DATA INFILE 'f' INTO TABLE t",
        "LOCK TABLES t WRITE",
        "UNLOCK TABLES",
        "CALL p(1, @x)",
        "EXPLAIN SELECT * FROM t",
        "EXPLAIN ANALYZE DELETE FROM t",
        "DESCRIBE t",
        "OPTIMIZE TABLE t",
        "GRANT SELECT ON db.* TO 'u'@'%'",
        "/*!50700 DROP TABLE t */",
        "SELECT 1 -- comment\n",
        "SELECT 2 # comment\n",
        "SELECT `we``ird`, @v, @@global.x FROM t WHERE a <=> NULL");
}
