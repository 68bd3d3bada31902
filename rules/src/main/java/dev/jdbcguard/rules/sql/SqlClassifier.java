package dev.jdbcguard.rules.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Classifies MySQL text: splits it into statements on {@code ;} outside quotes and comments, and
 * tells for each what it does ({@link StatementInfo}), plus the fingerprint of the whole text and the
 * rules its {@code guard:allow} comments waive, statement by statement. The literal text of
 * {@code PREPARE ... FROM '...'} and {@code EXECUTE IMMEDIATE '...'} is classified in place of the statement
 * that carries it ({@link DynamicSql}).
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
    /** Dynamic SQL that prepares dynamic SQL is read this deep; the server itself refuses PREPARE in PREPARE. */
    private static final int MAX_DYNAMIC_DEPTH = 4;

    private SqlClassifier() {
    }

    /** Classifies {@code sql}. Never throws: null, empty or unreadable text gives a result too. */
    public static Classification classify(String sql) {
        if (sql == null) {
            return new Classification(List.of(), "", Set.of(), List.of(), true, "no SQL text (null)");
        }
        try {
            return classifyText(sql);
        } catch (RuntimeException e) {
            // A defect of the classifier must not stop the application's statement; it is reported
            // as unparseable so that rules still decide, never silently allowed.
            return new Classification(List.of(), "", Set.of(), List.of(), true, "classifier failure: " + e);
        }
    }

    /** The classification itself, without the safety net, so tests see any exception. */
    static Classification classifyText(String sql) {
        return classifyText(sql, 0);
    }

    /** @param depth how many dynamic SQL texts this one is nested in ({@link #runText}) */
    private static Classification classifyText(String sql, int depth) {
        Tokens tokens = SqlLexer.lex(sql);
        StringBuilder fingerprint = new StringBuilder(Math.min(sql.length(), 4096));
        List<StatementInfo> statements = new ArrayList<>(2);
        // per statement, the char offset just past its terminating ';' (or the text's end): where its comments end
        int[] extentEnds = new int[4];
        int extents = 0;
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
                    StatementInfo statement = analyzer.analyze(statementFingerprint);
                    String statementReason = analyzer.unparseableReason();
                    if (statement.kind() == StatementKind.PREPARED) {
                        Classification run = runText(tokens, statementStart, i, depth);
                        if (run != null) {
                            statement = runStatement(run, statement);
                            statementReason = run.statements().size() != 1
                                    ? "the text run at offset " + statement.startOffset() + " holds "
                                            + run.statements().size() + " statements; the server runs one"
                                    : run.unparseable()
                                            ? "in the text run at offset " + statement.startOffset() + ": "
                                                    + run.unparseableReason()
                                            : null;
                        }
                    }
                    statements.add(statement);
                    if (reason == null) {
                        reason = statementReason;
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
            if (statements.size() > extents) {
                if (extents == extentEnds.length) {
                    extentEnds = Arrays.copyOf(extentEnds, extents * 2);
                }
                extentEnds[extents++] = i < tokens.count ? tokens.end[i] : sql.length();
            }
            statementStart = i + 1;
        }
        Set<String> allowed = tokens.allowed == null ? Set.of() : tokens.allowed;
        return new Classification(statements, fingerprint.toString(), allowed, statementAllows(tokens, extentEnds,
                statements.size()), reason != null, reason);
    }

    /**
     * The ids of the {@code guard:allow} comments that belong to each statement: a comment belongs to the statement
     * it sits in or precedes (it lies after the previous statement's {@code ;} and before the end of this one's);
     * a comment after the last statement's {@code ;} belongs to that last statement, which has no neighbour after
     * it to authorise.
     */
    private static List<Set<String>> statementAllows(Tokens tokens, int[] extentEnds, int statementCount) {
        if (tokens.allowIds == null || statementCount == 0) {
            return List.of();
        }
        List<Set<String>> allows = new ArrayList<>(statementCount);
        for (int k = 0; k < statementCount; k++) {
            allows.add(new LinkedHashSet<>());
        }
        int statement = 0;
        for (int a = 0; a < tokens.allowIds.size(); a++) {
            int offset = tokens.allowOffsets.get(a);
            while (statement < statementCount - 1 && extentEnds[statement] <= offset) {
                statement++;
            }
            allows.get(statement).add(tokens.allowIds.get(a));
        }
        return allows;
    }

    /**
     * The classification of the SQL text a {@code PREPARE ... FROM} or {@code EXECUTE IMMEDIATE} in tokens [from,
     * to) hands the server ({@link DynamicSql}); null when the statement runs no text of its own. A text the guard
     * cannot read, or nested deeper than {@link #MAX_DYNAMIC_DEPTH}, is one {@link StatementKind#DYNAMIC_SQL}
     * statement. Comments inside the text are the text's own: they are never {@code guard:allow} comments of the
     * statement that carries it, since a string literal can hold anything.
     */
    private static Classification runText(Tokens tokens, int from, int to, int depth) {
        int textStart = DynamicSql.textStart(tokens, from, to);
        if (textStart < 0) {
            return null;
        }
        String text = depth < MAX_DYNAMIC_DEPTH ? DynamicSql.literalText(tokens, textStart, to) : null;
        if (text == null) {
            StatementInfo hidden = new StatementInfo(StatementKind.DYNAMIC_SQL, List.of(), List.of(), false, false,
                    false, false, List.of(), "", 0, List.of(), false);
            return new Classification(List.of(hidden), "", Set.of(), List.of(), false, null);
        }
        return classifyText(text, depth + 1);
    }

    /**
     * What the statement {@code carrier} runs, judged in its place: the one statement of {@code run}, at the
     * carrier's offset and with its fingerprint. The server prepares a single statement, so a text of several
     * (or of none) is unparseable.
     */
    private static StatementInfo runStatement(Classification run, StatementInfo carrier) {
        StatementInfo only = run.statements().size() == 1 ? run.statements().get(0) : null;
        StatementKind kind = only == null ? StatementKind.UNPARSEABLE : only.kind();
        return new StatementInfo(kind, only == null ? List.of() : only.ddlOperations(),
                only == null ? List.of() : only.tables(), only != null && only.hasWhere(),
                only != null && only.hasLimit(), only != null && only.selectStar(), only != null && only.intoOutfile(),
                only == null ? List.of() : only.constructs(), carrier.fingerprint(), carrier.startOffset(),
                only == null ? List.of() : only.patterns(), only != null && only.ifExists());
    }
}
