package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classifier and the script reader on statements from real migrations, dumps and install scripts. */
class RealScriptsTest {

    @Test
    void aCteBeforeAParenthesisedQueryIsASelect() {
        StatementInfo s = StatementKindTest.only("WITH cte AS (SELECT 1) (SELECT 1 UNION SELECT 1)");
        assertThat(s.kind()).isEqualTo(StatementKind.SELECT);
        StatementInfo star = StatementKindTest.only("WITH c AS (SELECT id FROM u), d AS (SELECT 2) (SELECT * FROM t WHERE a = 1)");
        assertThat(star.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(star.selectStar()).as("the parenthesised query is the statement's own").isTrue();
        assertThat(star.hasWhere()).isTrue();
        assertThat(star.tables()).containsExactly("u", "t");
        // a CTE body alone stays a subquery: its WHERE is not the statement's
        assertThat(StatementKindTest.only("WITH c AS (SELECT a FROM t WHERE a = 1) SELECT a FROM c").hasWhere()).isFalse();
    }

    @Test
    void theKindOfACreateOrAlterComesFromItsHeadWords() {
        assertThat(StatementKindTest.only("CREATE DEFINER=user@localhost PROCEDURE p() SELECT 1").kind())
                .isEqualTo(StatementKind.CREATE_ROUTINE);
        assertThat(StatementKindTest.only("CREATE DEFINER = `owner`@`%` SQL SECURITY INVOKER VIEW v AS SELECT 1").kind())
                .isEqualTo(StatementKind.CREATE_VIEW);
        assertThat(StatementKindTest.only("CREATE OR REPLACE ALGORITHM=MERGE DEFINER=CURRENT_USER() VIEW v AS SELECT user FROM t").kind())
                .isEqualTo(StatementKind.CREATE_VIEW);
        assertThat(StatementKindTest.only("ALTER DEFINER='root'@'localhost' EVENT e ON COMPLETION PRESERVE").kind())
                .isEqualTo(StatementKind.CREATE_ROUTINE);
        // a word after the object name never decides: owner=user is a table option here, no privilege statement
        assertThat(StatementKindTest.only("CREATE SPATIAL REFERENCE SYSTEM 4120 NAME 'x' DEFINITION 'y' ORGANIZATION 'user'").kind())
                .isEqualTo(StatementKind.OTHER_DDL);
        assertThat(StatementKindTest.only("CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (USER 'remote', HOST 'h')").kind())
                .isEqualTo(StatementKind.OTHER_DDL);
        assertThat(StatementKindTest.only("CREATE USER app IDENTIFIED BY 'x'").kind()).isEqualTo(StatementKind.PRIVILEGES);
        assertThat(StatementKindTest.only("CREATE OR REPLACE TEMPORARY TABLE t (a INT)").kind()).isEqualTo(StatementKind.TEMPORARY_TABLE);
        assertThat(StatementKindTest.only("CREATE UNIQUE INDEX u ON t (a)").ddlOperations()).containsExactly(DdlOperation.ADD_UNIQUE_INDEX);
    }

    @Test
    void dashesWithoutASpaceAreExplainedWhenTheyMakeAStatementUnreadable() {
        Classification c = SqlClassifier.classifyText("--DROP TABLE t;\nSELECT 1;");
        assertThat(c.unparseableReason()).startsWith("no statement keyword at offset 0")
                .contains("'--' at offset 0 is not a comment in MySQL: a comment needs a space after '--'");
        assertThat(SqlClassifier.classifyText("-- DROP TABLE t;\nSELECT 1;").unparseable()).isFalse();
    }

    @Test
    void dropTableIfExistsThenCreateIsARecreate() {
        List<StatementInfo> s = SqlClassifier.classifyText(
                "DROP TABLE IF EXISTS `users`; CREATE TABLE users (id INT PRIMARY KEY); DROP TABLE orders; CREATE TABLE orders (id INT)")
                .statements();
        assertThat(s.get(0).recreatedBy(s.get(1))).isTrue();
        assertThat(s.get(2).recreatedBy(s.get(3))).as("no IF EXISTS: the author says the table is there").isFalse();
        assertThat(s.get(0).recreatedBy(s.get(3))).as("another table").isFalse();
        assertThat(s.get(0).recreatedBy(null)).isFalse();
        List<StatementInfo> two = SqlClassifier.classifyText("DROP TABLE IF EXISTS a, b; CREATE TABLE a (id INT)").statements();
        assertThat(two.get(0).recreatedBy(two.get(1))).as("b is dropped for good").isFalse();
    }

    /** A mysqldump of a table with a trigger, as mysqldump 8 writes it. */
    private static final String DUMP = String.join("\n",
            "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;",
            "/*!50503 SET NAMES utf8mb4 */;",
            "DROP TABLE IF EXISTS `orders`;",
            "/*!40101 SET @saved_cs_client     = @@character_set_client */;",
            "CREATE TABLE `orders` (",
            "  `id` int NOT NULL AUTO_INCREMENT,",
            "  `total` decimal(10,2) NOT NULL,",
            "  PRIMARY KEY (`id`),",
            "  CONSTRAINT `orders_chk_1` CHECK ((`total` >= 0))",
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;",
            "LOCK TABLES `orders` WRITE;",
            "/*!40000 ALTER TABLE `orders` DISABLE KEYS */;",
            "INSERT INTO `orders` VALUES (1,'9.50'),(2,'0.00');",
            "/*!40000 ALTER TABLE `orders` ENABLE KEYS */;",
            "UNLOCK TABLES;",
            "/*!50003 SET @saved_sql_mode       = @@sql_mode */ ;",
            "DELIMITER ;;",
            "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `orders_bi` BEFORE INSERT ON `orders` FOR EACH ROW BEGIN",
            "  IF NEW.total < 0 THEN",
            "    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'negative; total';",
            "  END IF;",
            "END */;;",
            "DELIMITER ;",
            "/*!50003 SET sql_mode              = @saved_sql_mode */ ;",
            "");

    @Test
    void aDumpSplitsAsTheMysqlClientRunsIt() throws IOException {
        List<SqlScriptPropertyTest.Cut> cuts = SqlScriptPropertyTest.split(DUMP);
        assertThat(cuts).hasSize(13);
        List<StatementKind> kinds = cuts.stream().map(cut -> StatementKindTest.only(cut.text()).kind()).toList();
        assertThat(kinds).containsExactly(StatementKind.SET, StatementKind.SET, StatementKind.DROP_TABLE, StatementKind.SET,
                StatementKind.CREATE_TABLE, StatementKind.LOCK_TABLES, StatementKind.ALTER_TABLE, StatementKind.INSERT,
                StatementKind.ALTER_TABLE, StatementKind.UNLOCK_TABLES, StatementKind.SET, StatementKind.CREATE_ROUTINE,
                StatementKind.SET);
        assertThat(cuts.get(11).text()).startsWith("\n/*!50003 CREATE*/").endsWith("END */");
        assertThat(cuts.get(12).text()).startsWith("\n/*!50003 SET sql_mode").endsWith(";\n");
    }
}
