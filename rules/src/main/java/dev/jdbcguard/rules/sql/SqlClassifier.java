package dev.jdbcguard.rules.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Classifies MySQL text: splits it into statements on {@code ;} outside quotes and comments, and
 * tells for each what it does ({@link StatementInfo}), plus the fingerprint of the whole text and the
 * rules its {@code guard:allow} comments waive.
 *
 * <p>Pure and thread-safe; never throws; linear in the length of the text (one lexing pass, then a
 * bounded number of passes over the tokens). Cost on a cache miss: a few int arrays sized by the
 * text, one StringBuilder for the fingerprint, and the result objects; no regular expressions.
 *
 * <p>Deliberate choices: executable comments are code whatever their version (the server may run
 * them), but a WHERE or LIMIT inside a versioned one ({@code /*!80000 ... *}{@code /}) does not count
 * as protection, since an older server skips it; {@code DELIMITER} (a mysql client command the
 * server rejects) is {@link StatementKind#UNPARSEABLE}, and so is a MariaDB {@code BEGIN NOT ATOMIC}
 * block (it runs statements the guard does not judge one by one); a stored routine's
 * {@code BEGIN ... END} body stays inside its CREATE statement, as the server reads it.
 */
public final class SqlClassifier {
    private SqlClassifier() {
    }

    /** Classifies {@code sql}. Never throws: null, empty or unreadable text gives a result too. */
    public static Classification classify(String sql) {
        if (sql == null) {
            return new Classification(List.of(), "", Set.of(), true, "no SQL text (null)");
        }
        try {
            return classifyText(sql);
        } catch (RuntimeException e) {
            // A defect of the classifier must not stop the application's statement; it is reported
            // as unparseable so that rules still decide, never silently allowed.
            return new Classification(List.of(), "", Set.of(), true, "classifier failure: " + e);
        }
    }

    /** The classification itself, without the safety net, so tests see any exception. */
    static Classification classifyText(String sql) {
        Tokens tokens = SqlLexer.lex(sql);
        StringBuilder fingerprint = new StringBuilder(Math.min(sql.length(), 4096));
        List<StatementInfo> statements = new ArrayList<>(2);
        String reason = tokens.error;
        StatementSplitter splitter = new StatementSplitter(tokens);
        for (int statementStart = 0; statementStart <= tokens.count; ) {
            int i = splitter.end(statementStart);
            boolean lexedToEnd = i < tokens.count || tokens.error == null;
            if (i > statementStart) {
                if (fingerprint.length() > 0) {
                    fingerprint.append("; ");
                }
                int fingerprintStart = fingerprint.length();
                Fingerprinter.append(tokens, statementStart, i, fingerprint);
                String statementFingerprint = fingerprint.substring(fingerprintStart);
                if (lexedToEnd) {
                    StatementAnalyzer analyzer = new StatementAnalyzer(tokens, statementStart, i);
                    if (splitter.unclosedBlock()) {
                        analyzer.unparseable("BEGIN without END", statementStart);
                    }
                    statements.add(analyzer.analyze(statementFingerprint));
                    if (reason == null) {
                        reason = analyzer.unparseableReason();
                    }
                } else {
                    statements.add(StatementAnalyzer.unreadable(statementFingerprint, tokens.start[statementStart]));
                }
            } else if (!lexedToEnd) {
                // Nothing lexed after the last ';': the unreadable rest starts there at the earliest
                // (an unterminated executable comment may have opened before it).
                int offset = i > 0 ? Math.max(tokens.errorOffset, tokens.end[i - 1]) : tokens.errorOffset;
                statements.add(StatementAnalyzer.unreadable("", offset));
            }
            statementStart = i + 1;
        }
        Set<String> allowed = tokens.allowed == null ? Set.of() : tokens.allowed;
        return new Classification(statements, fingerprint.toString(), allowed, reason != null, reason);
    }
}
