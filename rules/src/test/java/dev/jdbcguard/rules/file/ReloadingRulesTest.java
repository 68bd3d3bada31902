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
