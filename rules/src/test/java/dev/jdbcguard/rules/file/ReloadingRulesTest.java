package dev.jdbcguard.rules.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.rules.Action;
import dev.jdbcguard.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingRulesTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("rules.yaml"), yaml);
    }

    @Test
    void aChangedFileIsSwappedInAndListenersAreTold() throws Exception {
        Path file = write("rules:\n  ddl: warn\n");
        try (ReloadingRules rules = ReloadingRules.start(file, "production", Duration.ZERO)) {
            List<RuleSet[]> swaps = new CopyOnWriteArrayList<>();
            rules.addListener((previous, current) -> swaps.add(new RuleSet[] {previous, current}));
            RuleSet first = rules.current();
            assertThat(rules.reloadIfChanged()).as("unchanged").isFalse();

            write("rules:\n  ddl: off\n  query.select-star: block\n");
            assertThat(rules.reloadIfChanged()).isTrue();
            assertThat(rules.current().action("ddl.drop-table")).isEqualTo(Action.OFF);
            assertThat(rules.current().action("query.select-star")).isEqualTo(Action.BLOCK);
            assertThat(swaps).hasSize(1);
            assertThat(swaps.get(0)[0]).isSameAs(first);
            assertThat(swaps.get(0)[1]).isSameAs(rules.current());
            assertThat(rules.lastError()).isEmpty();
        }
    }

    @Test
    void aBadChangeKeepsTheLastGoodRulesAndExposesWhy() throws Exception {
        Path file = write("rules:\n  ddl: warn\n");
        try (ReloadingRules rules = ReloadingRules.start(file, "production", Duration.ZERO)) {
            RuleSet good = rules.current();
            write("rules:\n  ddl: warn\n  ddl.drop-tabel: off\n");
            assertThat(rules.reloadIfChanged()).isFalse();
            assertThat(rules.current()).isSameAs(good);
            assertThat(rules.lastError()).get().extracting(RuleFileException::getMessage)
                    .isEqualTo(file + ":3:3: unknown rule id 'ddl.drop-tabel'; did you mean 'ddl.drop-table'?");

            Files.delete(file);
            assertThat(rules.reloadIfChanged()).isFalse();
            assertThat(rules.current()).isSameAs(good);
            assertThat(rules.lastError()).get().extracting(RuleFileException::getMessage).isEqualTo(file + ": file not found");

            write("rules:\n  ddl: off\n");
            assertThat(rules.reloadIfChanged()).isTrue();
            assertThat(rules.current().action("ddl.truncate")).isEqualTo(Action.OFF);
            assertThat(rules.lastError()).isEmpty();
        }
    }

    @Test
    void aFileStillBeingWrittenIsNotApplied() throws Exception {
        Path file = write("rules:\n  ddl: warn\n");
        // what two reads of a file being rewritten see: a valid prefix first, then the whole file
        java.util.Deque<String> reads = new java.util.ArrayDeque<>(List.of("rules:\n  ddl: warn\n",
                "rules:\n  ddl: warn\n  dml: off\n", "rules:\n  ddl: warn\n  dml: off\n", "rules:\n  ddl: warn\n  dml: off\n"));
        try (ReloadingRules rules = ReloadingRules.start(file, path -> reads.remove(), "production", Duration.ZERO)) {
            RuleSet first = rules.current();
            write("rules:\n  ddl: warn\n  dml: off\n");
            assertThat(rules.reloadIfChanged()).as("the two reads differ").isFalse();
            assertThat(rules.current()).isSameAs(first);
            assertThat(rules.lastError()).isEmpty();
            assertThat(rules.reloadIfChanged()).as("the next look, with two equal reads").isTrue();
            assertThat(rules.current().action("dml.no-where")).isEqualTo(Action.OFF);
            assertThat(reads).isEmpty();
        }
    }

    @Test
    void anEmptyFileAtReloadIsAnErrorNotTheBareProfile() throws Exception {
        Path file = write("rules:\n  ddl: warn\n");
        try (ReloadingRules rules = ReloadingRules.start(file, "production", Duration.ZERO)) {
            RuleSet good = rules.current();
            for (String empty : List.of("", "# being rewritten\n\n")) {
                write(empty);
                assertThat(rules.reloadIfChanged()).isFalse();
                assertThat(rules.current()).isSameAs(good);
                assertThat(rules.lastError()).get().extracting(RuleFileException::getMessage).asString()
                        .startsWith(file + ": the file is empty");
            }
        }
    }

    @Test
    void aValueOutOfRangeIsRejectedAtLoadAndAtReloadWithItsPosition() throws Exception {
        Path file = write("rules:\n  conn.cap: {max: 2147483648}\n");
        assertThatThrownBy(() -> ReloadingRules.start(file, "production", Duration.ZERO)).isInstanceOf(RuleFileException.class)
                .hasMessage(file + ":2:19: bad value for conn.cap max: expected a whole number from 1 to 1_000_000, found '2147483648'");
        write("rules:\n  conn.cap: {max: 4}\n");
        try (ReloadingRules rules = ReloadingRules.start(file, "production", Duration.ZERO)) {
            RuleSet good = rules.current();
            write("rules:\n  conn.churn:\n    max-opens: 5\n    window: 400d\n");
            assertThat(rules.reloadIfChanged()).isFalse();
            assertThat(rules.current()).isSameAs(good);
            assertThat(rules.lastError()).get().extracting(RuleFileException::getMessage).isEqualTo(file
                    + ":4:13: bad value for conn.churn window: expected a duration from 1ms to 1d (units ms, s, m, h, d), found '400d'");
        }
    }

    @Test
    void thePollingThreadPicksUpAChange() throws Exception {
        Path file = write("rules:\n  ddl: warn\n");
        try (ReloadingRules rules = ReloadingRules.start(file, "production", Duration.ofMillis(20))) {
            CountDownLatch swapped = new CountDownLatch(1);
            rules.addListener((previous, current) -> swapped.countDown());
            write("rules:\n  ddl: block\n  dml: off\n");
            assertThat(swapped.await(30, TimeUnit.SECONDS)).as("swap seen by the poller").isTrue();
            assertThat(rules.current().action("dml.no-where")).isEqualTo(Action.OFF);
        }
    }

    @Test
    void nothingStartsOnABadFile() throws Exception {
        Path file = write("rules:\n  ddl: maybe\n");
        assertThatThrownBy(() -> ReloadingRules.start(file, "production", Duration.ofMillis(20)))
                .isInstanceOf(RuleFileException.class)
                .hasMessage(file + ":2:8: expected off, warn or block, found 'maybe'");
    }
}
