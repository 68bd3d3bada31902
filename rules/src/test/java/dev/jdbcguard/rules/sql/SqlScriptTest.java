package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link SqlScript} promises, one case at a time (the property test compares it with a reference at random). */
class SqlScriptTest {

    private static List<SqlScript.Piece> pieces(String script) throws IOException {
        SqlScript reader = new SqlScript(new StringReader(script));
        List<SqlScript.Piece> pieces = new ArrayList<>();
        for (SqlScript.Piece piece = reader.next(); piece != null; piece = reader.next()) {
            pieces.add(piece);
        }
        return pieces;
    }

    private static List<String> texts(String script) throws IOException {
        return pieces(script).stream().map(SqlScript.Piece::text).toList();
    }

    @Test
    void aDelimiterLineSwitchesTheTerminatorAndIsNoStatement() throws IOException {
        assertThat(texts("SELECT 1;\nDELIMITER //\nSELECT 2; SELECT 3 //\ndelimiter ;\nSELECT 4;\n"))
                .containsExactly("SELECT 1;\n", "\nSELECT 2;", " SELECT 3 ", "\nSELECT 4;\n");
    }

    @Test
    void theDelimiterMayBeQuotedAndTheRestOfItsLineIsIgnored() throws IOException {
        assertThat(texts("DELIMITER '$$' the rest\nSELECT 'a$$b' $$\nDELIMITER ; # back to normal\nSELECT 2;"))
                .containsExactly("\nSELECT 'a$$b' ", "\nSELECT 2;");
    }

    @Test
    void aStatementOpenBeforeADelimiterLineEndsThere() throws IOException {
        assertThat(texts("SELECT 1\nDELIMITER //\nSELECT 2 //")).containsExactly("SELECT 1\n", "\nSELECT 2 ");
    }

    @Test
    void aDelimiterLineOnlyCountsFirstOnItsLineAndOutsideQuotes() throws IOException {
        assertThat(texts("SELECT 'x\nDELIMITER //\n'; SELECT 1 DELIMITER //;"))
                .containsExactly("SELECT 'x\nDELIMITER //\n';", " SELECT 1 DELIMITER //;");
        // found by the property test: after a custom delimiter the line has begun
        assertThat(texts("DELIMITER //\n//delimiter SELECT 1")).containsExactly("delimiter SELECT 1");
    }

    @Test
    void aRoutineBodyKeepsItsSemicolonsWithOrWithoutACustomDelimiter() throws IOException {
        String body = "CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; CASE WHEN 1 THEN SELECT 2; END CASE; END";
        assertThat(texts(body + ";\nSELECT 3;")).containsExactly(body + ";", "\nSELECT 3;");
        assertThat(texts("DELIMITER ;;\n" + body + ";;\nDELIMITER ;\n")).containsExactly("\n" + body);
    }

    @Test
    void commentsAfterTheLastSemicolonBelongToTheLastStatement() throws IOException {
        assertThat(texts("SELECT 1; -- one\n/* guard:allow x */ SELECT 2; /* end */\n"))
                .containsExactly("SELECT 1;", " -- one\n/* guard:allow x */ SELECT 2; /* end */\n");
        assertThat(texts("-- only a comment\n")).isEmpty();
    }

    @Test
    void textLeftOpenAtTheEndIsAPieceForTheClassifierToCallUnreadable() throws IOException {
        assertThat(texts("SELECT 1; /* never closed")).containsExactly("SELECT 1;", " /* never closed");
        assertThat(texts("SELECT 'never closed; SELECT 2;")).containsExactly("SELECT 'never closed; SELECT 2;");
    }

    @Test
    void dashesWithoutASpaceAreCode() throws IOException {
        assertThat(texts("--x; SELECT 1;\n-- y; z\nSELECT 2;")).containsExactly("--x;", " SELECT 1;", "\n-- y; z\nSELECT 2;");
    }

    @Test
    void piecesKnowWhereTheyStart() throws IOException {
        List<SqlScript.Piece> pieces = pieces("SELECT 1; SELECT 2;\nDELIMITER $$\n  UPDATE t\n SET a = 1$$");
        assertThat(pieces).extracting(SqlScript.Piece::offset, SqlScript.Piece::line, SqlScript.Piece::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 1, 1), org.assertj.core.groups.Tuple.tuple(9L, 1, 10),
                        org.assertj.core.groups.Tuple.tuple(32L, 2, 13));
        SqlScript.Piece update = pieces.get(2);
        int set = update.text().indexOf("SET");
        assertThat(update.lineOf(update.text().indexOf("UPDATE"))).isEqualTo(3);
        assertThat(update.columnOf(update.text().indexOf("UPDATE"))).isEqualTo(3);
        assertThat(update.lineOf(set)).isEqualTo(4);
        assertThat(update.columnOf(set)).isEqualTo(2);
        assertThat(pieces.get(1).columnOf(1)).isEqualTo(11);
    }
}
