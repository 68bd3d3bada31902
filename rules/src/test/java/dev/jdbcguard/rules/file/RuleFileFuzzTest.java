package dev.jdbcguard.rules.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.rules.RuleSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A mangled rule file is either still valid or rejected with a positioned {@link RuleFileException}; nothing else. */
class RuleFileFuzzTest {

    private static final String VALID = """
            extends: planetscale
            max-action: block
            rules:
              ddl: warn
              ddl.drop-table: block
              query.slow: {threshold: 500ms}
              query.unindexed:
                action: block
                detect: explain
                min-rows: 10_000
                ignore-tables: [audit_log, "app.sessions"]
              conn.cap: {max: 5, wait: 2s}
            tables:
              audit_log: {dml.no-where: off}
            """;

    private static final String NOISE = " :\t\n-[]{},'\"#&*!|>%@`?.0123456789abcdefghijklmnopqrstuvwxyz_";

    @Property(tries = 2_000)
    void mangledFilesLoadOrFailPrecisely(@ForAll("mangled") String yaml) {
        try {
            RuleSet rules = RuleFiles.parse(yaml, "fuzz.yaml", "production");
            assertThat(rules.rules()).isNotEmpty();
        } catch (RuleFileException e) {
            assertThat(e.getMessage()).startsWith("fuzz.yaml");
            assertThat(e.problem()).isNotBlank();
            assertThat(e.line()).isBetween(0, yaml.split("\n", -1).length + 1);
        }
    }

    @Provide
    Arbitrary<String> mangled() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<Character> noise = Arbitraries.of(NOISE.chars().mapToObj(c -> (char) c).toList());
        Arbitrary<List<int[]>> edits = Combinators.combine(position, Arbitraries.integers().between(0, 2), noise)
                .as((at, kind, c) -> new int[] {at, kind, c}).list().ofMinSize(1).ofMaxSize(6);
        return edits.map(list -> {
            StringBuilder text = new StringBuilder(VALID);
            for (int[] edit : list) {
                int at = Math.min(edit[0], text.length() - 1);
                switch (edit[1]) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, (char) edit[2]);
                    default -> text.setCharAt(at, (char) edit[2]);
                }
            }
            return text.toString();
        });
    }
}
