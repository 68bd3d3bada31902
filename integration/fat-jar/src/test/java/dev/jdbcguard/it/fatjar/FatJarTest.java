package dev.jdbcguard.it.fatjar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcguard.testdb.FrameworkUrls;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's recipe for a Spring Boot fat jar that is not rebuilt: the application jar ships Boot, JDBC and
 * Connector/J but not the guard; the operator keeps the guard jar apart and starts the application with
 * {@code -Dloader.path} and Boot's {@code PropertiesLauncher}, changing only {@code spring.datasource.url}. Both jars
 * are the ones this build packaged (the guard's is the shaded jar users download), run in a JVM of their own.
 */
@ExtendWith(TestDatabaseExtension.class)
class FatJarTest {

    private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private static final Path APP = Path.of(System.getProperty("fatjar.app"));
    private static final Path GUARD = Path.of(System.getProperty("fatjar.guard"));

    @BeforeAll
    static void threeOrders(TestDatabase db) throws SQLException {
        try (Connection admin = db.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS fat_jar_orders");
            statement.execute("CREATE TABLE fat_jar_orders (id INT PRIMARY KEY)");
            statement.execute("INSERT INTO fat_jar_orders VALUES (1), (2), (3)");
        }
    }

    @Test
    void propertiesLauncherWithLoaderPathPutsTheGuardInTheApplicationsPath(TestDatabase db) throws Exception {
        assertThat(APP).isRegularFile();
        assertThat(GUARD).isRegularFile();
        Run run = java(db, List.of("-Dloader.path=" + GUARD, "-cp", APP.toString(), PROPERTIES_LAUNCHER));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("orders before: 3")
                .contains("delete: refused: [jdbc-guard] dml.no-where: DELETE without WHERE on fat_jar_orders")
                .contains("orders after: 3");
    }

    /** Why the README names PropertiesLauncher: the default launcher does not read loader.path at all. */
    @Test
    void theDefaultJarLauncherIgnoresLoaderPath(TestDatabase db) throws Exception {
        Run run = java(db, List.of("-Dloader.path=" + GUARD, "-jar", APP.toString()));

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("Failed to determine a suitable driver class").doesNotContain("delete:");
    }

    private static Run java(TestDatabase db, List<String> launch) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch);
        command.add("--spring.datasource.url=" + FrameworkUrls.verifiedTls(db, "mysql", ""));
        command.add("--spring.datasource.username=" + db.app().user());
        command.add("--spring.datasource.password=" + db.app().password());
        Path log = Files.createTempFile("fat-jar", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the application did not exit within 120 s:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Run(process.exitValue(), output);
    }

    private record Run(int exitCode, String output) {
    }
}
