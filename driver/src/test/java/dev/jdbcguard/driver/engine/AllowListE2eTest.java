package dev.jdbcguard.driver.engine;

import static dev.jdbcguard.driver.engine.Guarded.adminCount;
import static dev.jdbcguard.driver.engine.Guarded.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.Finding;
import dev.jdbcguard.GuardListeners;
import dev.jdbcguard.driver.metrics.GuardMXBean;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code allow:} entries of a rule file: an accepted finding is neither refused nor reported, and is counted. */
@ExtendWith(TestDatabaseExtension.class)
class AllowListE2eTest {

    private static final String RULES = """
            extends: production
            rules:
              query.select-star: warn
            allow:
              - rule: dml.no-where
                fingerprint: DELETE FROM allowed_sessions
                reason: the session sweeper empties it every night
              - rule: query
                table: allowed_lookup
                reason: a five-row lookup table
            """;

    private final TestDatabase db;

    AllowListE2eTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void tables() throws SQLException {
        for (String table : List.of("allowed_sessions", "allowed_orders", "allowed_lookup")) {
            Guarded.rows(db, table, 2);
        }
    }

    @Test
    void anAllowedFingerprintRunsUnreportedWhileOtherStatementsKeepTheirRules() throws Exception {
        List<Finding> findings = new CopyOnWriteArrayList<>();
        Path rules = Guarded.rulesFile("allow-rules.yaml", RULES);
        try (GuardListeners.Registration ignored = GuardListeners.addFindingListener(findings::add);
             Connection c = connect(db, "guard.rules=" + rules); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("delete   from allowed_sessions")).isEqualTo(2);
            assertThat((Object) s.getWarnings()).isNull();
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM allowed_orders"))
                    .isInstanceOf(GuardViolationException.class).hasMessageStartingWith("[jdbc-guard] dml.no-where: ");

            s.executeQuery("SELECT * FROM allowed_lookup").close();
            assertThat((Object) s.getWarnings()).as("query.* allowed on the table").isNull();
            s.executeQuery("SELECT * FROM allowed_orders").close();
            assertThat(Guarded.warnings(s.getWarnings())).extracting(w -> w.getMessage().substring(0, 37))
                    .containsExactly("[jdbc-guard] query.select-star WARN: ");
        }
        assertThat(adminCount(db, "SELECT COUNT(*) FROM allowed_sessions")).isZero();
        assertThat(adminCount(db, "SELECT COUNT(*) FROM allowed_orders")).isEqualTo(2);
        assertThat(findings).extracting(Finding::fingerprint)
                .doesNotContain("delete from allowed_sessions", "select * from allowed_lookup")
                .contains("delete from allowed_orders", "select * from allowed_orders");
        GuardMXBean view = ObserveModeE2eTest.engine("allow-rules.yaml (production)");
        assertThat(view.getAllowedFindings()).containsEntry("dml.no-where", 1L).containsEntry("query.select-star", 1L);
        assertThat(view.getBlockFindings()).containsEntry("dml.no-where", 1L);
    }
}
