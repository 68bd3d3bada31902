package dev.jdbcguard.driver.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jdbcguard.driver.connections.AllLogs;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one INFO line on {@code jdbcguard} that tells a user the guard is on: at an engine's first connect,
 * naming the target, the profile and the rules, never a secret; once per engine.
 */
@ExtendWith(TestDatabaseExtension.class)
class ActiveLineE2eTest {

    private static final String ACTIVE = "jdbcguard jdbc-guard active for ";
    /** Engines are shared by equal settings: a cache size of its own gives each test a fresh engine. */
    private static final AtomicLong CACHE_SIZE = new AtomicLong(7_001);

    private final TestDatabase db;

    ActiveLineE2eTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theFirstConnectSaysOnceWhichTargetProfileAndRulesAreGuarded() throws SQLException {
        assumeTrue(db.tlsAvailable(), db.tlsUnavailableReason());
        String url = db.guardUrl("guard.cache-size=" + CACHE_SIZE.incrementAndGet());
        try (AllLogs logs = new AllLogs()) {
            try (Connection first = DriverManager.getConnection(url, db.tls("VERIFY_IDENTITY", db.app()));
                 Connection second = DriverManager.getConnection(url, db.tls("VERIFY_IDENTITY", db.app()))) {
                assertThat(first.isValid(2) && second.isValid(2)).isTrue();
            }
            assertThat(logs.from(ACTIVE)).containsExactly(ACTIVE + db.app().user() + "@" + db.host() + ":" + db.port()
                    + "/" + db.database() + ": profile production, rules built-in");
            assertThat(String.join("\n", logs.rendered())).doesNotContain(db.app().password(),
                    db.truststorePassword());
        }
    }

    @Test
    void aRuleFileIsNamedWithTheProfileItExtends() throws SQLException {
        Path rules = Guarded.rulesFile("extends: development\n");
        Properties login = new Properties();
        login.setProperty("user", db.app().user());
        login.setProperty("password", db.app().password());
        String url = db.guardUrl("guard.rules=" + rules + "&guard.cache-size=" + CACHE_SIZE.incrementAndGet());
        try (AllLogs logs = new AllLogs(); Connection connection = DriverManager.getConnection(url, login)) {
            assertThat(connection.isValid(2)).isTrue();
            assertThat(logs.from(ACTIVE)).containsExactly(ACTIVE + db.app().user() + "@" + db.host() + ":" + db.port()
                    + "/" + db.database() + ": rules " + rules + " (extends development)");
        }
    }

    @Test
    void aRefusedConnectIsNotAnnouncedAsActive() throws SQLException {
        String url = db.guardUrl("guard.cache-size=" + CACHE_SIZE.incrementAndGet());
        Properties noTls = new Properties();
        noTls.setProperty("user", db.app().user());
        noTls.setProperty("password", db.app().password());
        try (AllLogs logs = new AllLogs()) {
            assertThatThrownBy(() -> DriverManager.getConnection(url, noTls).close())
                    .hasMessageStartingWith("[jdbc-guard] tls.required:");
            assertThat(logs.from(ACTIVE)).isEmpty();
        }
    }
}
