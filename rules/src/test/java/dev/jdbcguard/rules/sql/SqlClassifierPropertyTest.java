package dev.jdbcguard.rules.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated SQL: the classifier never throws, never hangs, and keeps its invariants.
 * The tries add up to 110,000 inputs.
 */
class SqlClassifierPropertyTest {
    /** Far above any linear-time classification of these inputs; only a hang reaches it. */
    private static final long HANG_SECONDS = 10;

    private static ExecutorService worker;

    @BeforeContainer
    static void startWorker() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "classifier-under-test");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterContainer
    static void stopWorker() {
        worker.shutdownNow();
    }

    /** Classifies on a worker thread so that an endless loop fails the property instead of the build. */
    private static Classification classifyWithinLimit(String sql) throws Exception {
        Future<Classification> result = worker.submit(() -> SqlClassifier.classifyText(sql));
        try {
            return result.get(HANG_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            result.cancel(true);
            throw new AssertionError("classification did not finish in " + HANG_SECONDS + " s: " + sql, e);
        }
    }

    private static void assertWellFormed(String sql, Classification c) {
        assertThat(c.fingerprint()).isNotNull();
        assertThat(c.unparseable()).isEqualTo(c.unparseableReason() != null);
        assertThat(c.unparseable())
            .isEqualTo(c.statements().stream().anyMatch(s -> s.kind() == StatementKind.UNPARSEABLE));
        int previous = -1;
        for (StatementInfo s : c.statements()) {
            assertThat(s.startOffset()).isGreaterThan(previous).isLessThanOrEqualTo(sql.length());
            previous = s.startOffset();
            assertThat(s.fingerprint()).isNotNull();
            assertThat(s.tables()).allSatisfy(t -> assertThat(t).isNotEmpty().isEqualTo(t.toLowerCase(Locale.ROOT)));
            if (!s.kind().isDdl()) {
                assertThat(s.ddlOperations()).isEmpty();
            }
        }
        if (!sql.toLowerCase(Locale.ROOT).contains("guard:allow")) {
            assertThat(c.allowedRules()).isEmpty();
            assertThat(c.allows("ddl.drop-table")).isFalse();
        }
    }

    /**
     * Megabyte-long pathological texts: unbalanced parentheses around value lists, nested CTEs, an
     * unclosed routine block, thousands of statements and comments. A quadratic step would take
     * minutes here; a linear classification takes well under a second.
     */
    @Example
    void hugePathologicalTextsFinish() throws Exception {
        String[] units = {
            "(((( in (1, in ( VALUES (1),(2), ",
            "WITH a AS (SELECT 1) WITH b AS (SELECT 2) ",
            "BEGIN CASE ; /* guard:allow a b c */ -- x\n",
            "SELECT * FROM t WHERE a IN (1,2,3); ",
            "ALTER TABLE t ADD c INT, DROP d, ",
            "SET STATEMENT a = 1 FOR EXPLAIN ANALYZE ",
            "/*!50700 DELETE FROM t LIMIT */ `x` 'y' ",
        };
        for (String unit : units) {
            String prefix = unit.startsWith("BEGIN") ? "CREATE PROCEDURE p() " : unit.startsWith("ALTER") ? "" : "SELECT ";
            String sql = prefix + unit.repeat(1_000_000 / unit.length());
            Classification c = classifyWithinLimit(sql);
            assertWellFormed(sql, c);
        }
    }

    // ---- random text ----------------------------------------------------------------------------

    private static final List<String> VOCABULARY = List.of(
        "SELECT", "FROM", "WHERE", "LIMIT", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "REPLACE",
        "CREATE", "ALTER", "DROP", "TABLE", "INDEX", "UNIQUE", "ADD", "COLUMN", "CHANGE", "MODIFY", "RENAME",
        "TO", "WITH", "AS", "JOIN", "ON", "USING", "IN", "EXPLAIN", "ANALYZE", "STATEMENT", "FOR", "BEGIN",
        "NOT", "ATOMIC", "PARTITION", "BY", "ENGINE", "CHARSET", "DELIMITER", "TRUNCATE", "LOCK", "TABLES",
        "t", "u", "db", "x", "`q`", "`a``b`", "*", ".", ",", ";", "(", ")", "((", "))", "=", "<=>", "-", "--",
        "-- ", "#", "/*", "*/", "/*!", "/*!50700", "/*M!", "/*+", "'", "\"", "`", "\\", "''", "'a'", "\"b\"",
        "1", "0x1F", "x'41'", "b'", "N'", "1e5", ".5", "?", "@v", "@@x", "@'", "guard:allow", "ddl",
        "\n", "\t", " ", "é", "\u0000", "\uD83D\uDE00");

    @Provide
    Arbitrary<String> tokenSoup() {
        Arbitrary<String> separator = Arbitraries.of(" ", "", "\n");
        return Combinators.combine(Arbitraries.of(VOCABULARY).list().ofMaxSize(40), separator)
            .as((words, sep) -> String.join(sep, words));
    }

    @Provide
    Arbitrary<String> randomChars() {
        Arbitrary<String> sqlish = Arbitraries.strings().withChars("'\"`\\/*!#-;()?@.,+=<>{}$_ \n\tsSeElLcCtT0123456789xXbBnNM")
            .ofMaxLength(120);
        return Arbitraries.oneOf(sqlish, Arbitraries.strings().all().ofMaxLength(80));
    }

    @Property(tries = 30_000)
    void tokenSoupNeverThrowsOrHangs(@ForAll("tokenSoup") String sql) throws Exception {
        assertWellFormed(sql, classifyWithinLimit(sql));
    }

    @Property(tries = 20_000)
    void randomCharsNeverThrowOrHang(@ForAll("randomChars") String sql) throws Exception {
        assertWellFormed(sql, classifyWithinLimit(sql));
    }

    // ---- mutated corpus -------------------------------------------------------------------------

    private static final List<String> INSERTIONS = List.of(
        "'", "\"", "`", "/*", "*/", "/*!", "/*!50700 ", "--", "-- ", "#", ";", "\\", "(", ")", "\n", "?",
        "é", "\u0000", "\uFFFF", "\uD800", "WHERE ", "LIMIT 1", "SELECT ", "/* guard:allow ddl */");

    /** One edit of {@code sql}: truncate, insert a troublesome fragment, delete a range, or duplicate. */
    private record Mutation(int kind, double position, double length, String insertion) {
        String apply(String sql) {
            int at = (int) (position * sql.length());
            int end = Math.min(sql.length(), at + (int) (length * 20));
            return switch (kind) {
                case 0 -> sql.substring(0, at);
                case 1 -> sql.substring(0, at) + insertion + sql.substring(at);
                case 2 -> sql.substring(0, at) + sql.substring(end);
                default -> sql.substring(0, end) + sql.substring(at);
            };
        }
    }

    @Provide
    Arbitrary<String> mutatedSql() {
        Arbitrary<Mutation> mutation = Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.oneOf(Arbitraries.of(INSERTIONS), Arbitraries.strings().all().ofMaxLength(3)))
            .as(Mutation::new);
        Arbitrary<String> base = Arbitraries.of(SqlCorpus.STATEMENTS).list().ofMinSize(1).ofMaxSize(3)
            .map(statements -> String.join("; ", statements));
        return Combinators.combine(base, mutation.list().ofMinSize(1).ofMaxSize(5))
            .as((sql, mutations) -> {
                String result = sql;
                for (Mutation m : mutations) {
                    result = m.apply(result);
                }
                return result;
            });
    }

    @Property(tries = 40_000)
    void mutatedSqlNeverThrowsOrHangs(@ForAll("mutatedSql") String sql) throws Exception {
        assertWellFormed(sql, classifyWithinLimit(sql));
    }

    // ---- invariants on valid SQL ----------------------------------------------------------------

    @Property(tries = 5_000)
    void splittingJoinedStatementsGivesEachStatement(@ForAll("corpusStatement") String a, @ForAll("corpusStatement") String b) {
        Classification joined = SqlClassifier.classifyText(a + ";" + b);
        Classification first = SqlClassifier.classifyText(a);
        Classification second = SqlClassifier.classifyText(b);
        assertThat(joined.statements()).hasSize(first.statements().size() + second.statements().size());
        int shift = a.length() + 1;
        for (int i = 0; i < joined.statements().size(); i++) {
            boolean inFirst = i < first.statements().size();
            StatementInfo expected = inFirst ? first.statements().get(i) : second.statements().get(i - first.statements().size());
            StatementInfo actual = joined.statements().get(i);
            assertThat(actual).usingRecursiveComparison().ignoringFields("startOffset").isEqualTo(expected);
            assertThat(actual.startOffset()).isEqualTo(expected.startOffset() + (inFirst ? 0 : shift));
        }
        assertThat(joined.fingerprint()).isEqualTo(first.fingerprint() + "; " + second.fingerprint());
    }

    @Provide
    Arbitrary<String> corpusStatement() {
        return Arbitraries.of(SqlCorpus.STATEMENTS);
    }

    @Property(tries = 5_000)
    void corpusStatementsAreReadable(@ForAll("corpusStatement") String sql) {
        Classification c = SqlClassifier.classifyText(sql);
        assertThat(c.unparseable()).as("%s: %s", sql, c.unparseableReason()).isFalse();
        assertThat(c.statements()).hasSize(1);
    }

    /** Templates whose identifiers have no digits, so any digit in a fingerprint came from a literal. */
    private static final List<String> TEMPLATES = List.of(
        "SELECT a FROM t WHERE id = %s AND name = %s LIMIT %s",
        "SELECT a FROM t WHERE id IN (%s, %s, %s)",
        "INSERT INTO t (a, b, c) VALUES (%s, %s, %s), (%s, %s, %s)",
        "UPDATE t SET a = %s, b = %s WHERE c > %s",
        "DELETE FROM t WHERE a BETWEEN %s AND %s LIMIT %s",
        "SELECT a FROM t WHERE b = %s /* note 42 */ AND c <> %s -- 7\n");

    @Provide
    Arbitrary<String> literal() {
        Arbitrary<String> numbers = Arbitraries.oneOf(
            Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf),
            Arbitraries.doubles().between(0, 1e12).map(String::valueOf),
            Arbitraries.integers().between(0, Integer.MAX_VALUE).map(i -> "0x" + Integer.toHexString(i)),
            Arbitraries.integers().between(0, 255).map(i -> "b'" + Integer.toBinaryString(i) + "'"),
            Arbitraries.integers().between(0, 99999).map(i -> "x'" + Integer.toHexString(i * 2 + 256) + "'"));
        Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(12)
            .map(s -> "'" + s.replace("\\", "\\\\").replace("'", "''") + "'");
        Arbitrary<String> doubleQuoted = Arbitraries.strings().ofMaxLength(12)
            .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        return Arbitraries.oneOf(numbers, strings, doubleQuoted, Arbitraries.just("?"));
    }

    @Property(tries = 5_000)
    void literalsNeverReachTheFingerprint(@ForAll("template") String template,
                                          @ForAll("literal") String v1, @ForAll("literal") String v2, @ForAll("literal") String v3) {
        String sql = String.format(template, v1, v2, v3, v3, v1, v2);
        String fingerprint = SqlClassifier.classifyText(sql).fingerprint();
        assertThat(fingerprint).as(sql).doesNotContainPattern("[0-9]");
        String other = String.format(template, "1", "'x'", "2", "3", "'y'", "4");
        assertThat(fingerprint).as(sql).isEqualTo(SqlClassifier.classifyText(other).fingerprint());
    }

    @Provide
    Arbitrary<String> template() {
        return Arbitraries.of(TEMPLATES);
    }

    @Provide
    Arbitrary<String> ruleId() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8).list().ofMinSize(1).ofMaxSize(3)
            .map(parts -> String.join(".", parts));
    }

    @Property(tries = 5_000)
    void onlyCommentsCarryExceptions(@ForAll("corpusStatement") String sql, @ForAll("ruleId") String id) {
        String marker = "guard:allow " + id;
        assertThat(SqlClassifier.classifyText(sql + " /* " + marker + " */").allows(id)).isTrue();
        assertThat(SqlClassifier.classifyText(sql + "; -- " + marker + "\n").allows(id + ".sub")).isTrue();
        assertThat(SqlClassifier.classifyText("SELECT '/* " + marker + " */', \"" + marker + "\", `" + marker + "`")
            .allows(id)).isFalse();
        assertThat(SqlClassifier.classifyText(sql).allows(id)).isFalse();
    }
}
