package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StatementKindTest {

    static StatementInfo only(String sql) {
        Classification c = SqlClassifier.classifyText(sql);
        assertThat(c.statements()).as("statements of %s", sql).hasSize(1);
        return c.statements().get(0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "SELECT 1 | SELECT",
        "select a from t where id = 1 | SELECT",
        "((SELECT a FROM t)) | SELECT",
        "(SELECT a FROM t) UNION (SELECT b FROM u) | SELECT",
        "WITH x AS (SELECT 1) SELECT * FROM x | SELECT",
        "WITH RECURSIVE x (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < 5) SELECT n FROM x | SELECT",
        "SELECT * FROM t FOR UPDATE | SELECT",
        "VALUES ROW(1, 2) | SELECT",
        "TABLE t | SELECT",
        "INSERT INTO t (a) VALUES (1) | INSERT",
        "INSERT t SET a = 1 | INSERT",
        "INSERT IGNORE INTO t SELECT * FROM u | INSERT",
        "REPLACE INTO t VALUES (1) | REPLACE",
        "UPDATE t SET a = 1 WHERE id = 2 | UPDATE",
        "WITH x AS (SELECT id FROM u) UPDATE t JOIN x ON t.id = x.id SET t.a = 1 | UPDATE",
        "DELETE FROM t WHERE id = 1 | DELETE",
        "WITH x AS (SELECT id FROM u) DELETE FROM t WHERE id IN (SELECT id FROM x) | DELETE",
        "CREATE TABLE t (id INT PRIMARY KEY) | CREATE_TABLE",
        "CREATE TEMPORARY TABLE IF NOT EXISTS t (id INT) | CREATE_TABLE",
        "ALTER TABLE t ADD COLUMN c INT | ALTER_TABLE",
        "DROP TABLE t | DROP_TABLE",
        "DROP TEMPORARY TABLE IF EXISTS t | DROP_TABLE",
        "TRUNCATE TABLE t | TRUNCATE",
        "TRUNCATE t | TRUNCATE",
        "RENAME TABLE a TO b | RENAME_TABLE",
        "CREATE INDEX i ON t (a) | CREATE_INDEX",
        "CREATE UNIQUE INDEX i ON t (a) | CREATE_INDEX",
        "DROP INDEX i ON t | DROP_INDEX",
        "CREATE DATABASE d | CREATE_DATABASE",
        "CREATE SCHEMA IF NOT EXISTS d | CREATE_DATABASE",
        "DROP DATABASE d | DROP_DATABASE",
        "DROP SCHEMA IF EXISTS d | DROP_DATABASE",
        "CREATE OR REPLACE ALGORITHM=MERGE VIEW v AS SELECT a FROM t | CREATE_VIEW",
        "DROP VIEW IF EXISTS v | DROP_VIEW",
        "CREATE DEFINER=CURRENT_USER() PROCEDURE p() SELECT 1 | CREATE_ROUTINE",
        "CREATE FUNCTION f() RETURNS INT RETURN 1 | CREATE_ROUTINE",
        "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1 | CREATE_ROUTINE",
        "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t | CREATE_ROUTINE",
        "ALTER PROCEDURE p COMMENT 'x' | CREATE_ROUTINE",
        "DROP PROCEDURE IF EXISTS p | DROP_ROUTINE",
        "DROP FUNCTION f | DROP_ROUTINE",
        "DROP TRIGGER tr | DROP_ROUTINE",
        "DROP EVENT e | DROP_ROUTINE",
        "ALTER DATABASE d CHARACTER SET utf8mb4 | OTHER_DDL",
        "CREATE TABLESPACE ts ADD DATAFILE 'ts.ibd' | OTHER_DDL",
        "ALTER VIEW v AS SELECT 1 | OTHER_DDL",
        "SET autocommit = 0 | SET",
        "SET NAMES utf8mb4 | SET",
        "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED | SET",
        "SHOW TABLES | SHOW",
        "USE db | USE",
        "BEGIN | TRANSACTION_BEGIN",
        "BEGIN WORK | TRANSACTION_BEGIN",
        "START TRANSACTION READ ONLY | TRANSACTION_BEGIN",
        "XA START 'x' | TRANSACTION_BEGIN",
        "COMMIT | TRANSACTION_END",
        "ROLLBACK | TRANSACTION_END",
        "XA COMMIT 'x' | TRANSACTION_END",
        "SAVEPOINT s1 | SAVEPOINT",
        "RELEASE SAVEPOINT s1 | SAVEPOINT",
        "ROLLBACK TO SAVEPOINT s1 | SAVEPOINT",
        "ROLLBACK WORK TO s1 | SAVEPOINT",
        "LOAD DATA LOCAL INFILE 'f.csv' INTO TABLE t | LOAD_DATA",
        "LOAD XML INFILE 'f.xml' INTO TABLE t | LOAD_DATA",
        "LOCK TABLES t READ, u WRITE | LOCK_TABLES",
        "UNLOCK TABLES | UNLOCK_TABLES",
        "CALL p(1, 2) | CALL",
        "EXPLAIN SELECT * FROM t | EXPLAIN",
        "EXPLAIN FORMAT=JSON SELECT 1 | EXPLAIN",
        "DESCRIBE t | DESCRIBE",
        "DESC t | DESCRIBE",
        "EXPLAIN t | DESCRIBE",
        "ANALYZE TABLE t | TABLE_MAINTENANCE",
        "OPTIMIZE NO_WRITE_TO_BINLOG TABLE t | TABLE_MAINTENANCE",
        "CHECK TABLE t, u | TABLE_MAINTENANCE",
        "REPAIR TABLE t | TABLE_MAINTENANCE",
        "CHECKSUM TABLE t | TABLE_MAINTENANCE",
        "GRANT SELECT ON db.* TO 'u'@'%' | PRIVILEGES",
        "REVOKE ALL ON *.* FROM u | PRIVILEGES",
        "CREATE USER 'u'@'%' IDENTIFIED BY 'p' | PRIVILEGES",
        "DROP USER u | PRIVILEGES",
        "ALTER USER u IDENTIFIED BY 'p' | PRIVILEGES",
        "RENAME USER a TO b | PRIVILEGES",
        "SET PASSWORD = 'x' | PRIVILEGES",
        "FLUSH PRIVILEGES | ADMIN",
        "KILL 42 | ADMIN",
        "PURGE BINARY LOGS BEFORE NOW() | ADMIN",
        "PREPARE s FROM 'SELECT 1' | PREPARED",
        "EXECUTE s USING @a | PREPARED",
        "DEALLOCATE PREPARE s | PREPARED",
        "DROP PREPARE s | PREPARED",
        "DO SLEEP(1) | OTHER",
        "HANDLER t OPEN | OTHER",
        "XA END 'x' | OTHER",
    })
    void kindOfEachStatement(String sql, StatementKind expected) {
        assertThat(only(sql).kind()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} runs {1}")
    @CsvSource(delimiter = '|', value = {
        "EXPLAIN ANALYZE SELECT * FROM t | SELECT",
        "EXPLAIN ANALYZE FORMAT=TREE DELETE FROM t | DELETE",
        "ANALYZE DELETE FROM t | DELETE",
        "ANALYZE FORMAT=JSON UPDATE t SET a = 1 | UPDATE",
        "SET STATEMENT max_statement_time = 1 FOR DROP TABLE t | DROP_TABLE",
        "SET STATEMENT a = 1, b = 2 FOR SELECT 1 | SELECT",
    })
    void prefixesThatRunTheStatementAreClassifiedAsIt(String sql, StatementKind expected) {
        assertThat(only(sql).kind()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "DELIMITER $$",
        "BEGIN NOT ATOMIC SELECT 1",
        "FROBNICATE t",
        "42",
        "'just a string'",
        "SELECT (1",
        "SELECT 1)",
        "RENAME t TO u",
    })
    void unreadableStatementsAreUnparseable(String sql) {
        Classification c = SqlClassifier.classifyText(sql);
        assertThat(c.unparseable()).isTrue();
        assertThat(c.unparseableReason()).contains("offset");
        assertThat(c.statements()).extracting(StatementInfo::kind).containsExactly(StatementKind.UNPARSEABLE);
    }

    @Test
    void ddlKindsAreDistinctAndFlagged() {
        assertThat(StatementKind.DROP_TABLE.isDdl()).isTrue();
        assertThat(StatementKind.OTHER_DDL.isDdl()).isTrue();
        assertThat(StatementKind.SELECT.isDdl()).isFalse();
        assertThat(StatementKind.PRIVILEGES.isDdl()).isFalse();
        assertThat(List.of(StatementKind.values())).filteredOn(StatementKind::destructive)
                .containsExactly(StatementKind.DROP_TABLE, StatementKind.TRUNCATE, StatementKind.DROP_DATABASE);
        assertThat(StatementKind.REPLACE.isDml()).isTrue();
        assertThat(StatementKind.CREATE_TABLE.isDml()).isFalse();
    }
}
