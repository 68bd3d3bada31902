package dev.jdbcguard.rules.sql;

import java.util.List;
import java.util.Random;

/**
 * Hostile SQL for fuzz tests: statements that would change or drop {@value #SENTINEL}, mutated at random (seeded, so
 * a failure repeats) with what smuggles statements past a reader: quotes and escapes, comments and executable
 * comments ({@code /*! *}{@code /}), statement separators, dynamic SQL ({@code PREPARE}, {@code EXECUTE IMMEDIATE},
 * {@code CONCAT}), allow hints, odd whitespace and control characters.
 *
 * <p>Neither the seeds nor the inserted tokens contain {@code WHERE}, {@code LIMIT}, {@code INSERT} or
 * {@code REPLACE}, and no mutation can spell them out of nothing (a deleted character joins at most two existing
 * fragments): every statement that reaches {@value #SENTINEL} is one the production rules must block, so a test
 * against a real server can require the table unchanged whatever the mutations made. Shared by the classifier's fuzz
 * (rules module) and the driver's (through the rules test-jar).
 */
public final class SqlMutations {

    /** The table every seed aims at. */
    public static final String SENTINEL = "fuzz_sentinel";

    private static final List<String> SEEDS = List.of(
            "DELETE FROM fuzz_sentinel",
            "DELETE fuzz_sentinel FROM fuzz_sentinel",
            "DROP TABLE fuzz_sentinel",
            "DROP TABLE IF EXISTS fuzz_sentinel",
            "TRUNCATE TABLE fuzz_sentinel",
            "TRUNCATE fuzz_sentinel",
            "UPDATE fuzz_sentinel SET v = 0",
            "ALTER TABLE fuzz_sentinel DROP COLUMN v",
            "RENAME TABLE fuzz_sentinel TO fuzz_gone",
            "PREPARE s FROM 'DELETE FROM fuzz_sentinel'; EXECUTE s",
            "PREPARE s FROM 'DROP TABLE fuzz_sentinel'; EXECUTE s; DEALLOCATE PREPARE s",
            "PREPARE s FROM \"TRUNCATE TABLE fuzz_sentinel\"; EXECUTE s",
            "EXECUTE IMMEDIATE 'TRUNCATE TABLE fuzz_sentinel'",
            "EXECUTE IMMEDIATE 'DELETE FROM fuzz_sentinel'",
            "EXECUTE IMMEDIATE CONCAT('DELETE FROM ', 'fuzz_sentinel')",
            "SET @q = CONCAT('DELETE FROM ', 'fuzz_sentinel'); PREPARE s FROM @q; EXECUTE s",
            "SET @q = 'DROP TABLE fuzz_sentinel'; EXECUTE IMMEDIATE @q",
            "/*!DELETE FROM fuzz_sentinel*/",
            "/*!50000 DROP TABLE fuzz_sentinel */",
            "SELECT 1; DELETE FROM fuzz_sentinel",
            "SELECT '; DELETE FROM fuzz_sentinel'; DELETE FROM fuzz_sentinel",
            "SELECT 1 /* ; */; TRUNCATE fuzz_sentinel",
            "SELECT 1 -- \n; DROP TABLE fuzz_sentinel",
            "SELECT 1 # x\n; DELETE FROM fuzz_sentinel",
            "SELECT 'guard:allow dml.no-where'; DELETE FROM fuzz_sentinel",
            "SELECT `/* guard:allow ddl.drop-table */`; DROP TABLE fuzz_sentinel",
            "SELECT 1; /* guard:allow dml.no-where */ SELECT 2; DELETE FROM fuzz_sentinel",
            "SELECT 'it''s', \"a \\\" b\"; DELETE FROM `fuzz_sentinel`",
            "PREPARE s FROM 'SELECT 1'; PREPARE s FROM 'DELETE FROM fuzz_sentinel'; EXECUTE s");

    private static final List<String> TOKENS = List.of(
            "'", "\"", "`", "\\", "\\'", "''", "/*", "*/", "/*!", "/*!50000", "/*!999999", "/*M!", "--", "-- ", "#",
            ";", "; ", "\n", "\r\n", "\t", "\u00a0", "\u2028", "\u0000", "\u001a", "(", ")", ",", "@q", "@@", "?", ":=",
            "DELETE", "DELETE FROM fuzz_sentinel", "DROP", "DROP TABLE fuzz_sentinel", "TRUNCATE", "TABLE",
            "fuzz_sentinel", "`fuzz_sentinel`", "PREPARE", "PREPARE s FROM ", "EXECUTE", "EXECUTE s", "IMMEDIATE",
            "EXECUTE IMMEDIATE ", "FROM", "CONCAT(", "CALL p()", "SELECT", "SET @q = ", "DEALLOCATE PREPARE s",
            "/* guard:allow dml.no-where */", "/* guard:allow ddl.drop-table */", "/*guard:allow all*/", "x'41'",
            "_utf8mb4'", "N'", "é", "😀");

    private static final String CHARACTERS = "'\"`\\/*!-#;\n\t ()@?=,.0123456789abcdefsxEFMN_\u00a0\u0000";

    private final Random random;

    public SqlMutations(long seed) {
        this.random = new Random(seed);
    }

    /** The next input: a seed (sometimes two, joined) mutated one to four times. */
    public String next() {
        StringBuilder text = new StringBuilder(pick(SEEDS));
        if (random.nextInt(8) == 0) {
            text.append(random.nextBoolean() ? "; " : ";").append(pick(SEEDS));
        }
        for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
            mutate(text);
        }
        return text.toString();
    }

    private void mutate(StringBuilder text) {
        int at = random.nextInt(text.length() + 1);
        switch (random.nextInt(8)) {
            case 0, 1 -> text.insert(at, pick(TOKENS));
            case 2 -> {
                if (at < text.length()) {
                    text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(3)));
                }
            }
            case 3 -> {
                if (at < text.length()) {
                    text.setCharAt(at, CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
                }
            }
            case 4 -> {
                int end = Math.min(text.length(), at + random.nextInt(12));
                text.insert(at, text.substring(at, end)); // a slice, twice
            }
            case 5 -> {
                int end = Math.min(text.length(), at + random.nextInt(20));
                String slice = text.substring(at, end);
                text.replace(at, end, random.nextBoolean() ? slice.toLowerCase() : slice.toUpperCase());
            }
            case 6 -> {
                String open = pick(List.of("/*!", "/*!50000 ", "/*M!100000 ", "/* ", "'", "`"));
                text.insert(0, open).append(open.startsWith("/*") ? "*/" : open);
            }
            default -> {
                if (at > 0) {
                    text.setLength(at); // cut short: an open quote or comment at the end
                }
            }
        }
    }

    /** {@code sql} as a Java string literal spells it, control characters and quotes visible: for failure messages. */
    public static String escaped(String sql) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : sql.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private String pick(List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
