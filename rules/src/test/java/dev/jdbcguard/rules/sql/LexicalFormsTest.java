package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Comments, quoting, executable comments, multi-statement strings and unterminated text. */
class LexicalFormsTest {

    private static List<StatementKind> kinds(String sql) {
        return SqlClassifier.classifyText(sql).statements().stream().map(StatementInfo::kind).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1 # DROP TABLE t",
        "SELECT 1 -- DROP TABLE t",
        "SELECT 1 --\tDROP TABLE t",
        "SELECT 1 --",
        "SELECT 1 /* DROP TABLE t */",
        "SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1",
        "# leading\nSELECT 1",
        "-- leading\r\nSELECT 1",
        "/* ; DROP TABLE t; */ SELECT 1",
        "SELECT ';DROP TABLE t;'",
        "SELECT \";DROP TABLE t;\"",
        "SELECT 'it''s; DROP TABLE t'",
        "SELECT 'it\\'s; DROP TABLE t'",
        "SELECT \"say \"\"hi\"\"; DROP TABLE t\"",
        "SELECT 'back\\\\'",
        "SELECT `we;ird``name` FROM t",
        "SELECT x'4142', X'', b'0101', N'nat;ional', _utf8mb4'x;y'",
        "SELECT 1 /* -- */",
        "SELECT 1 -- /* unterminated in a line comment",
    })
    void commentsAndQuotesHideEverythingInside(String sql) {
        Classification c = SqlClassifier.classifyText(sql);
        assertThat(c.unparseable()).as(c.unparseableReason()).isFalse();
        assertThat(kinds(sql)).containsExactly(StatementKind.SELECT);
    }

    @Test
    void dashDashWithoutSpaceIsNotAComment() {
        // "--1" is minus minus one: the WHERE is code.
        StatementInfo s = StatementKindTest.only("DELETE FROM t WHERE a=1--1");
        assertThat(s.hasWhere()).isTrue();
        assertThat(SqlClassifier.classifyText("SELECT 1--x\n; DROP TABLE t").statements())
            .extracting(StatementInfo::kind).containsExactly(StatementKind.SELECT, StatementKind.DROP_TABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/*! DROP TABLE t */",
        "/*!50700 DROP TABLE t */",
        "/*!80000DROP TABLE t*/",
        "/*M!100100 DROP TABLE t */",
        "/*!999999 DROP TABLE t */",
        "/*!DROP*/ TABLE t",
    })
    void executableCommentsAreCode(String sql) {
        assertThat(kinds(sql)).containsExactly(StatementKind.DROP_TABLE);
        assertThat(SqlClassifier.classifyText(sql).statements().get(0).tables()).containsExactly("t");
    }

    @Test
    void executableCommentCanHideASecondStatement() {
        assertThat(kinds("SELECT 1 /*!; DROP TABLE t */")).containsExactly(StatementKind.SELECT, StatementKind.DROP_TABLE);
        assertThat(kinds("SELECT 1 /*!50700 ; DROP TABLE t */ ; SELECT 2"))
            .containsExactly(StatementKind.SELECT, StatementKind.DROP_TABLE, StatementKind.SELECT);
        // a string inside an executable comment may hold "*/"
        assertThat(kinds("/*! SELECT '*/' */; DELETE FROM t")).containsExactly(StatementKind.SELECT, StatementKind.DELETE);
    }

    @Test
    void multiStatementStringsAreJudgedStatementByStatement() {
        Classification c = SqlClassifier.classifyText("SELECT 1; DELETE FROM t;; UPDATE u SET a = 1 WHERE id = 2;  ");
        assertThat(c.statements()).extracting(StatementInfo::kind)
            .containsExactly(StatementKind.SELECT, StatementKind.DELETE, StatementKind.UPDATE);
        assertThat(c.statements()).extracting(StatementInfo::hasWhere).containsExactly(false, false, true);
        assertThat(c.fingerprint()).isEqualTo("select ?; delete from t; update u set a = ? where id = ?");
        assertThat(c.unparseable()).isFalse();
    }

    @Test
    void emptyAndCommentOnlyTextHasNoStatement() {
        for (String sql : new String[] {"", "   ", ";", " ; ;", "/* only */", "-- only", "# only"}) {
            Classification c = SqlClassifier.classifyText(sql);
            assertThat(c.statements()).as(sql).isEmpty();
            assertThat(c.unparseable()).as(sql).isFalse();
            assertThat(c.fingerprint()).as(sql).isEmpty();
        }
    }

    @Test
    void nullIsUnparseableNotAnException() {
        Classification c = SqlClassifier.classify(null);
        assertThat(c.unparseable()).isTrue();
        assertThat(c.unparseableReason()).contains("null");
        assertThat(c.statements()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 'abc",
        "SELECT \"abc",
        "SELECT 'abc\\'",
        "SELECT `abc",
        "SELECT 1 /* abc",
        "SELECT 1 /*! abc",
        "SELECT 1 /*!50700 DROP TABLE t",
        "SELECT x'41",
        "SELECT @`v",
        "SELECT 1 /*+ hint",
    })
    void unterminatedTextIsUnparseableWithAReason(String sql) {
        StatementKindTest.assertOnlyUnparseable(sql, "unterminated .* at offset \\d+");
    }

    @Test
    void statementsBeforeAnUnterminatedOneAreStillJudged() {
        // The server runs the DROP before it fails on the second statement.
        Classification c = SqlClassifier.classifyText("DROP TABLE t; SELECT 'oops");
        assertThat(c.statements()).extracting(StatementInfo::kind)
            .containsExactly(StatementKind.DROP_TABLE, StatementKind.UNPARSEABLE);
        assertThat(c.unparseableReason()).isEqualTo("unterminated string at offset 21");

        Classification comment = SqlClassifier.classifyText("DELETE FROM t; /* oops");
        assertThat(comment.statements()).extracting(StatementInfo::kind)
            .containsExactly(StatementKind.DELETE, StatementKind.UNPARSEABLE);
        assertThat(comment.statements().get(1).startOffset()).isEqualTo(15);
    }

    @Test
    void unparseableReasonNamesTheFirstProblem() {
        Classification c = SqlClassifier.classifyText("SELECT 1; FOO bar; SELECT (");
        assertThat(c.statements()).extracting(StatementInfo::kind)
            .containsExactly(StatementKind.SELECT, StatementKind.UNPARSEABLE, StatementKind.UNPARSEABLE);
        assertThat(c.unparseableReason()).isEqualTo("unknown statement 'FOO' at offset 10");
    }

    @Test
    void leadingParenthesesAndWithReachTheRealStatement() {
        assertThat(kinds("(((SELECT 1)))")).containsExactly(StatementKind.SELECT);
        assertThat(kinds("WITH a AS (DELETE FROM x) SELECT 1")).containsExactly(StatementKind.SELECT);
        assertThat(kinds("WITH a AS (SELECT 1), b AS (SELECT 2) DELETE FROM t")).containsExactly(StatementKind.DELETE);
    }

    @Test
    void aRoutineBodyStaysInsideItsCreateStatement() {
        String procedure = "CREATE DEFINER=CURRENT_USER() PROCEDURE p() BEGIN DECLARE x INT; "
            + "IF x > 0 THEN DELETE FROM t; END IF; SET x = CASE WHEN x THEN 1 ELSE 2 END; "
            + "CASE x WHEN 1 THEN SELECT 1; END CASE; lbl: LOOP LEAVE lbl; END LOOP; END; DROP TABLE u";
        assertThat(kinds(procedure)).containsExactly(StatementKind.CREATE_ROUTINE, StatementKind.DROP_TABLE);
        assertThat(kinds("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END"))
            .containsExactly(StatementKind.CREATE_ROUTINE);
        assertThat(kinds("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; END; SELECT 1"))
            .containsExactly(StatementKind.CREATE_ROUTINE, StatementKind.SELECT);
    }

    @Test
    void blocksAreCountedOnlyInRoutines() {
        // "begin" is a legal column name; it must not hide the DROP after it.
        assertThat(kinds("CREATE TABLE t (begin INT); DROP TABLE u"))
            .containsExactly(StatementKind.CREATE_TABLE, StatementKind.DROP_TABLE);
        assertThat(kinds("SELECT begin FROM t; DELETE FROM t")).containsExactly(StatementKind.SELECT, StatementKind.DELETE);
    }

    @Test
    void anUnclosedRoutineBlockOrAnonymousBlockIsUnparseable() {
        Classification unclosed = SqlClassifier.classifyText("CREATE PROCEDURE p() BEGIN SELECT 1; DROP TABLE t");
        assertThat(unclosed.statements()).extracting(StatementInfo::kind).containsExactly(StatementKind.UNPARSEABLE);
        assertThat(unclosed.unparseableReason()).isEqualTo("BEGIN without END at offset 0");
        assertThat(kinds("BEGIN NOT ATOMIC DELETE FROM t; END; SELECT 1"))
            .containsExactly(StatementKind.UNPARSEABLE, StatementKind.SELECT);
    }

    @Test
    void aWhereInAVersionedCommentIsNotProtection() {
        // MySQL 8.0 skips /*!90000 ... */: the DELETE then has no WHERE.
        assertThat(StatementKindTest.only("DELETE FROM t /*!90000 WHERE id = 1 */").hasWhere()).isFalse();
        assertThat(StatementKindTest.only("DELETE FROM t /*!90000 LIMIT 1 */").hasLimit()).isFalse();
        assertThat(StatementKindTest.only("DELETE FROM t /*! WHERE id = 1 */").hasWhere()).isTrue();
        assertThat(StatementKindTest.only("/*!50700 DELETE FROM t */ WHERE id = 1").hasWhere()).isTrue();
    }

    @Test
    void delimiterIsAClientCommand() {
        Classification c = SqlClassifier.classifyText("DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END $$");
        assertThat(c.unparseable()).isTrue();
        assertThat(c.unparseableReason()).startsWith("DELIMITER is a mysql client command");
    }
}
