package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StatementKindTest {

    static StatementInfo only(String sql) {
        Classification c = SqlClassifier.classifyText(sql);
        assertThat(c.statements()).as("statements of %s", sql).hasSize(1);
        return c.statements().get(0);
    }

    /** One or more examples of every kind the classifier reads from a well-formed statement. */
    static final List<Arguments> EXAMPLES = List.of(
        Arguments.of("SELECT 1", StatementKind.SELECT),
        Arguments.of("select a from t where id = 1", StatementKind.SELECT),
        Arguments.of("((SELECT a FROM t))", StatementKind.SELECT),
        Arguments.of("(SELECT a FROM t) UNION (SELECT b FROM u)", StatementKind.SELECT),
        Arguments.of("WITH x AS (SELECT 1) SELECT * FROM x", StatementKind.SELECT),
        Arguments.of("WITH RECURSIVE x (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < 5) SELECT n FROM x", StatementKind.SELECT),
        Arguments.of("SELECT * FROM t FOR UPDATE", StatementKind.SELECT),
        Arguments.of("VALUES ROW(1, 2)", StatementKind.SELECT),
        Arguments.of("TABLE t", StatementKind.SELECT),
        Arguments.of("INSERT INTO t (a) VALUES (1)", StatementKind.INSERT),
        Arguments.of("INSERT t SET a = 1", StatementKind.INSERT),
        Arguments.of("INSERT IGNORE INTO t SELECT * FROM u", StatementKind.INSERT),
        Arguments.of("REPLACE INTO t VALUES (1)", StatementKind.REPLACE),
        Arguments.of("UPDATE t SET a = 1 WHERE id = 2", StatementKind.UPDATE),
        Arguments.of("WITH x AS (SELECT id FROM u) UPDATE t JOIN x ON t.id = x.id SET t.a = 1", StatementKind.UPDATE),
        Arguments.of("DELETE FROM t WHERE id = 1", StatementKind.DELETE),
        Arguments.of("WITH x AS (SELECT id FROM u) DELETE FROM t WHERE id IN (SELECT id FROM x)", StatementKind.DELETE),
        Arguments.of("CREATE TABLE t (id INT PRIMARY KEY)", StatementKind.CREATE_TABLE),
        Arguments.of("CREATE TEMPORARY TABLE IF NOT EXISTS t (id INT)", StatementKind.TEMPORARY_TABLE),
        Arguments.of("CREATE OR REPLACE TEMPORARY TABLE t AS SELECT id FROM u", StatementKind.TEMPORARY_TABLE),
        Arguments.of("ALTER TABLE t ADD COLUMN c INT", StatementKind.ALTER_TABLE),
        Arguments.of("DROP TABLE t", StatementKind.DROP_TABLE),
        Arguments.of("DROP TEMPORARY TABLE IF EXISTS t", StatementKind.TEMPORARY_TABLE),
        Arguments.of("TRUNCATE TABLE t", StatementKind.TRUNCATE),
        Arguments.of("TRUNCATE t", StatementKind.TRUNCATE),
        Arguments.of("RENAME TABLE a TO b", StatementKind.RENAME_TABLE),
        Arguments.of("CREATE INDEX i ON t (a)", StatementKind.CREATE_INDEX),
        Arguments.of("CREATE UNIQUE INDEX i ON t (a)", StatementKind.CREATE_INDEX),
        Arguments.of("DROP INDEX i ON t", StatementKind.DROP_INDEX),
        Arguments.of("CREATE DATABASE d", StatementKind.CREATE_DATABASE),
        Arguments.of("CREATE SCHEMA IF NOT EXISTS d", StatementKind.CREATE_DATABASE),
        Arguments.of("DROP DATABASE d", StatementKind.DROP_DATABASE),
        Arguments.of("DROP SCHEMA IF EXISTS d", StatementKind.DROP_DATABASE),
        Arguments.of("CREATE OR REPLACE ALGORITHM=MERGE VIEW v AS SELECT a FROM t", StatementKind.CREATE_VIEW),
        Arguments.of("DROP VIEW IF EXISTS v", StatementKind.DROP_VIEW),
        Arguments.of("CREATE DEFINER=CURRENT_USER() PROCEDURE p() SELECT 1", StatementKind.CREATE_ROUTINE),
        Arguments.of("CREATE FUNCTION f() RETURNS INT RETURN 1", StatementKind.CREATE_ROUTINE),
        Arguments.of("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1", StatementKind.CREATE_ROUTINE),
        Arguments.of("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t", StatementKind.CREATE_ROUTINE),
        Arguments.of("ALTER PROCEDURE p COMMENT 'x'", StatementKind.CREATE_ROUTINE),
        Arguments.of("DROP PROCEDURE IF EXISTS p", StatementKind.DROP_ROUTINE),
        Arguments.of("DROP FUNCTION f", StatementKind.DROP_ROUTINE),
        Arguments.of("DROP TRIGGER tr", StatementKind.DROP_ROUTINE),
        Arguments.of("DROP EVENT e", StatementKind.DROP_ROUTINE),
        Arguments.of("ALTER DATABASE d CHARACTER SET utf8mb4", StatementKind.OTHER_DDL),
        Arguments.of("CREATE TABLESPACE ts ADD DATAFILE 'ts.ibd'", StatementKind.OTHER_DDL),
        Arguments.of("ALTER VIEW v AS SELECT 1", StatementKind.OTHER_DDL),
        Arguments.of("SET autocommit = 0", StatementKind.SET),
        Arguments.of("SET NAMES utf8mb4", StatementKind.SET),
        Arguments.of("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", StatementKind.SET),
        Arguments.of("SHOW TABLES", StatementKind.SHOW),
        Arguments.of("USE db", StatementKind.USE),
        Arguments.of("BEGIN", StatementKind.TRANSACTION_BEGIN),
        Arguments.of("BEGIN WORK", StatementKind.TRANSACTION_BEGIN),
        Arguments.of("START TRANSACTION READ ONLY", StatementKind.TRANSACTION_BEGIN),
        Arguments.of("XA START 'x'", StatementKind.TRANSACTION_BEGIN),
        Arguments.of("COMMIT", StatementKind.TRANSACTION_END),
        Arguments.of("ROLLBACK", StatementKind.TRANSACTION_END),
        Arguments.of("XA COMMIT 'x'", StatementKind.TRANSACTION_END),
        Arguments.of("SAVEPOINT s1", StatementKind.SAVEPOINT),
        Arguments.of("RELEASE SAVEPOINT s1", StatementKind.SAVEPOINT),
        Arguments.of("ROLLBACK TO SAVEPOINT s1", StatementKind.SAVEPOINT),
        Arguments.of("ROLLBACK WORK TO s1", StatementKind.SAVEPOINT),
        Arguments.of("LOAD DATA LOCAL INFILE 'f.csv' INTO TABLE t", StatementKind.LOAD_DATA),
        Arguments.of("LOAD XML INFILE 'f.xml' INTO TABLE t", StatementKind.LOAD_DATA),
        Arguments.of("LOCK TABLES t READ, u WRITE", StatementKind.LOCK_TABLES),
        Arguments.of("UNLOCK TABLES", StatementKind.UNLOCK_TABLES),
        Arguments.of("CALL p(1, 2)", StatementKind.CALL),
        Arguments.of("{call p(?, ?)}", StatementKind.CALL),
        Arguments.of("{ ? = CALL next_id() }", StatementKind.CALL),
        Arguments.of("EXPLAIN SELECT * FROM t", StatementKind.EXPLAIN),
        Arguments.of("EXPLAIN FORMAT=JSON SELECT 1", StatementKind.EXPLAIN),
        Arguments.of("DESCRIBE t", StatementKind.DESCRIBE),
        Arguments.of("DESC t", StatementKind.DESCRIBE),
        Arguments.of("EXPLAIN t", StatementKind.DESCRIBE),
        Arguments.of("ANALYZE TABLE t", StatementKind.TABLE_MAINTENANCE),
        Arguments.of("OPTIMIZE NO_WRITE_TO_BINLOG TABLE t", StatementKind.TABLE_MAINTENANCE),
        Arguments.of("CHECK TABLE t, u", StatementKind.TABLE_MAINTENANCE),
        Arguments.of("REPAIR TABLE t", StatementKind.TABLE_MAINTENANCE),
        Arguments.of("CHECKSUM TABLE t", StatementKind.TABLE_MAINTENANCE),
        Arguments.of("GRANT SELECT ON db.* TO 'u'@'%'", StatementKind.PRIVILEGES),
        Arguments.of("REVOKE ALL ON *.* FROM u", StatementKind.PRIVILEGES),
        Arguments.of("CREATE USER 'u'@'%' IDENTIFIED BY 'p'", StatementKind.PRIVILEGES),
        Arguments.of("DROP USER u", StatementKind.PRIVILEGES),
        Arguments.of("ALTER USER u IDENTIFIED BY 'p'", StatementKind.PRIVILEGES),
        Arguments.of("RENAME USER a TO b", StatementKind.PRIVILEGES),
        Arguments.of("SET PASSWORD = 'x'", StatementKind.PRIVILEGES),
        Arguments.of("FLUSH PRIVILEGES", StatementKind.ADMIN),
        Arguments.of("KILL 42", StatementKind.ADMIN),
        Arguments.of("PURGE BINARY LOGS BEFORE NOW()", StatementKind.ADMIN),
        // the literal text a PREPARE hands the server is classified in its place
        Arguments.of("PREPARE s FROM 'SELECT 1'", StatementKind.SELECT),
        Arguments.of("PREPARE s FROM @q", StatementKind.DYNAMIC_SQL),
        Arguments.of("EXECUTE s USING @a", StatementKind.PREPARED),
        Arguments.of("DEALLOCATE PREPARE s", StatementKind.PREPARED),
        Arguments.of("DROP PREPARE s", StatementKind.PREPARED),
        Arguments.of("DO SLEEP(1)", StatementKind.OTHER),
        Arguments.of("HANDLER t OPEN", StatementKind.OTHER),
        Arguments.of("XA END 'x'", StatementKind.OTHER));

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("examples")
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
        "{fn now()}",
        "{? = select 1}",
    })
    void unreadableStatementsAreUnparseable(String sql) {
        assertOnlyUnparseable(sql, ".+ at offset \\d+");
    }

    /** {@code sql} is one unparseable statement, and the reason matches {@code reasonPattern}. */
    static void assertOnlyUnparseable(String sql, String reasonPattern) {
        Classification c = SqlClassifier.classifyText(sql);
        assertThat(c.unparseable()).isTrue();
        assertThat(c.unparseableReason()).containsPattern(reasonPattern);
        assertThat(c.statements()).extracting(StatementInfo::kind).containsExactly(StatementKind.UNPARSEABLE);
    }

    static List<Arguments> examples() {
        return EXAMPLES;
    }

    @Test
    void everyKindHasAnExample() {
        Set<Object> covered = EXAMPLES.stream().map(a -> a.get()[1]).collect(Collectors.toSet());
        assertThat(covered).containsAll(EnumSet.complementOf(EnumSet.of(StatementKind.UNPARSEABLE)));
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
