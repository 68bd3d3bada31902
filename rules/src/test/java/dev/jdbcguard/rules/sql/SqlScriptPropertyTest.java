package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link SqlScript}'s split of random scripts equals the split of a small reference splitter that honours DELIMITER
 * and knows nothing of streaming: it cuts the script at DELIMITER lines and custom delimiters, asking the
 * classifier's own lexer whether each candidate lies outside quotes and comments, then cuts each part at the
 * {@code ;} after which an appended statement is read as one of its own (the classifier's own terminators, routine
 * bodies included). Quadratic and obviously right; the reader under test is one pass.
 */
class SqlScriptPropertyTest {

    private static final String PROBE = "zzprobezz";

    /** A piece as (offset, text). */
    record Cut(long offset, String text) {
    }

    static List<Cut> split(String script) throws IOException {
        return split(new StringReader(script));
    }

    static List<Cut> split(Reader script) throws IOException {
        SqlScript reader = new SqlScript(script);
        List<Cut> cuts = new ArrayList<>();
        for (SqlScript.Piece piece = reader.next(); piece != null; piece = reader.next()) {
            cuts.add(new Cut(piece.offset(), piece.text()));
        }
        return cuts;
    }

    // ---- the reference ----------------------------------------------------------------------------------

    static List<Cut> reference(String script) {
        List<Cut> cuts = new ArrayList<>();
        String delimiter = ";";
        int partStart = 0;
        int p = 0;
        while (p < script.length()) {
            String command = delimiterCommand(script, partStart, p);
            if (command != null) {
                sliceByClassifier(script, partStart, p, cuts);
                int lineEnd = script.indexOf('\n', p);
                p = lineEnd < 0 ? script.length() : lineEnd;
                partStart = p;
                delimiter = command;
            } else if (!delimiter.equals(";") && script.startsWith(delimiter, p) && inCode(script, partStart, p)) {
                sliceByClassifier(script, partStart, p, cuts);
                p += delimiter.length();
                partStart = p;
            } else {
                p++;
            }
        }
        sliceByClassifier(script, partStart, script.length(), cuts);
        return cuts;
    }

    /** The delimiter a DELIMITER line starting (after blanks) at {@code p} names, or null. */
    private static String delimiterCommand(String script, int partStart, int p) {
        int lineStart = script.lastIndexOf('\n', p - 1) + 1;
        if (!script.substring(lineStart, p).isBlank() || !script.regionMatches(true, p, "DELIMITER", 0, 9)
                || p + 9 >= script.length() || (script.charAt(p + 9) != ' ' && script.charAt(p + 9) != '\t')
                || !inCode(script, partStart, p)) {
            return null;
        }
        int lineEnd = script.indexOf('\n', p);
        String argument = script.substring(p + 9, lineEnd < 0 ? script.length() : lineEnd).trim();
        return argument.isEmpty() ? null : argument.split("\\s+")[0];
    }

    /**
     * Whether {@code p} lies outside quotes and comments, by the classifier's lexer: a word put there is a token. The
     * '/' of a '*&#47;' that closes an executable comment is that comment's end, not the start of a delimiter.
     */
    private static boolean inCode(String script, int partStart, int p) {
        String prefix = script.substring(partStart, p) + "(";
        Tokens tokens = SqlLexer.lex(prefix + PROBE);
        int last = tokens.count - 1;
        boolean token = last >= 0 && tokens.start[last] == prefix.length() && tokens.end[last] == prefix.length() + PROBE.length();
        boolean closesExecutable = p > partStart && script.charAt(p - 1) == '*' && script.charAt(p) == '/'
                && String.valueOf(SqlLexer.lex(script.substring(partStart, p)).error).startsWith("unterminated executable");
        return token && !closesExecutable;
    }

    /**
     * The old lint slicer on [from, to): a piece per statement the classifier finds, ending just past the ';' after
     * which an appended statement is one of its own (else where the next statement starts).
     */
    private static void sliceByClassifier(String script, int from, int to, List<Cut> cuts) {
        String part = script.substring(from, to);
        List<StatementInfo> statements = SqlClassifier.classifyText(part).statements();
        int pieceStart = 0;
        for (int i = 0; i < statements.size(); i++) {
            int start = statements.get(i).startOffset();
            int end = part.length();
            if (i + 1 < statements.size()) {
                int nextStart = statements.get(i + 1).startOffset();
                end = nextStart;
                for (int semicolon = part.indexOf(';', start); semicolon >= 0 && semicolon < nextStart;
                        semicolon = part.indexOf(';', semicolon + 1)) {
                    // From the part's start, so the probe is lexed as the text before it is (it may open in a comment).
                    String upTo = part.substring(0, semicolon + 1);
                    // A ';' inside an executable comment is code: close the comment before the probe.
                    boolean open = String.valueOf(SqlLexer.lex(upTo).error).startsWith("unterminated executable");
                    if (SqlClassifier.classifyText(upTo + (open ? "*/" : "") + "\nSELECT 1").statements().size() == i + 2) {
                        end = semicolon + 1;
                        break;
                    }
                }
            }
            cuts.add(new Cut(from + pieceStart, part.substring(pieceStart, end)));
            pieceStart = end;
        }
    }

    // ---- properties -------------------------------------------------------------------------------------

    @Property(tries = 3000)
    void theSplitIsTheReferenceSplit(@ForAll("scripts") String script) throws IOException {
        assertThat(split(script)).as(script).isEqualTo(reference(script));
    }

    @Property(tries = 300)
    void theSplitDoesNotDependOnHowTheInputArrives(@ForAll("scripts") String script) throws IOException {
        // One char per read call: every lookahead crosses a refill.
        Reader trickle = new Reader() {
            private int next;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (next >= script.length()) {
                    return -1;
                }
                buffer[offset] = script.charAt(next++);
                return 1;
            }

            @Override
            public void close() {
            }
        };
        assertThat(split(trickle)).as(script).isEqualTo(split(script));
    }

    @Provide
    Arbitrary<String> scripts() {
        Arbitrary<String> fragment = Arbitraries.of(
                "SELECT 1", "select a from t", " ", "  ", "\n", "\n", ";", ";", ";", "'a;b'", "'it''s;'", "'x\\';y'",
                "\"q;\"", "`c;d`", "`a``b`", "-- c;\n", "--x;", "-- ", "# h;\n", "/* c; */", "/*!40101 SET a=1; */",
                "/*!50003 CREATE*/", "/*M!100100 x; */", "/*! y */", "*/", "/*", "x'0A'", "b'1'", "X'\\'", "@v", "@'v;'",
                "@@session.end", "CREATE PROCEDURE p() BEGIN", "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN",
                "BEGIN", "BEGIN NOT ATOMIC", "END", "END IF", "IF x THEN", "CASE", "END CASE", "WHILE 1 DO", "END WHILE",
                "\nDELIMITER //\n", "\nDELIMITER $$\n", "\ndelimiter ;;\n", "\nDELIMITER ;\n", "\nDELIMITER ;\n",
                "\n  Delimiter\t//  reset\n", "\nDELIMITER\n", "//", "//", "$$", ";;", "'a//b'", "-- //\n", "'$$'",
                "END$$", "delimiter", "\u00e9t\u00e9", "'", "\"", "`", "\\");
        return fragment.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }
}
