package dev.jdbcguard.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The local launcher's failure path: a server that cannot start is reported with its log, and cleaned up. */
class LocalServerTest {

    @Test
    void aServerThatCannotStartIsReportedWithItsErrorLogAndLeavesNoTempDir() {
        Optional<ServerBinaries> found = ServerBinaries.find(System.getenv("PATH"));
        assumeTrue(found.isPresent() && found.get().flavor() == ServerBinaries.Flavor.MARIADB,
                "no local mariadbd on this machine, so its launcher cannot be exercised");
        // An installer that does nothing: the real mariadbd then finds no datadir and exits.
        ServerBinaries noDatadir = new ServerBinaries(found.get().server(), Optional.of(Path.of("/bin/true")),
                ServerBinaries.Flavor.MARIADB, found.get().version(), Optional.empty(), ServerBinaries.LOCAL);

        Throwable failure = catchThrowable(() -> LocalServer.start(noDatadir, true).close());

        assertThat(failure).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot start a local mariadbd")
                .hasMessageContaining("exited with code")
                .hasMessageContaining("--- server error log (tail) ---");
        Matcher dataDir = Pattern.compile("(/\\S*jdbc-guard-db-[^/\\s]+)/data").matcher(failure.getMessage());
        assertThat(dataDir.find()).as("the error log names the datadir: %s", failure.getMessage()).isTrue();
        assertThat(Path.of(dataDir.group(1))).matches(dir -> !Files.exists(dir), "is deleted");
    }
}
