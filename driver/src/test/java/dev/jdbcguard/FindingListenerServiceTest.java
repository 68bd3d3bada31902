package dev.jdbcguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.acme.shop.OrderRepository;
import dev.jdbcguard.driver.warnings.GuardViolationException;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@link FindingListener} declared in {@code META-INF/services} receives the guard's findings without any code
 * registering it. Runs in its own test run (driver/pom.xml, {@code service-declared-listener}), the only one with the
 * service file on its class path.
 */
@Tag("service-listener")
@ExtendWith(TestDatabaseExtension.class)
class FindingListenerServiceTest {

    private static final String APP_FRAME = "com.acme.shop.OrderRepository.purge(OrderRepository.java:"
            + OrderRepository.PURGE_CALL_LINE + ")";

    private final TestDatabase db;

    FindingListenerServiceTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aDeclaredListenerReceivesTheBlockOfADeleteWithoutWhere() throws SQLException {
        assumeTrue(getClass().getClassLoader().getResource("META-INF/services/dev.jdbcguard.FindingListener") != null,
                "the service file is on the class path of the service-declared-listener run only");
        try (Connection admin = db.adminConnection(); Statement s = admin.createStatement()) {
            s.execute("USE " + db.database());
            s.execute("CREATE TABLE IF NOT EXISTS listener_orders (id INT PRIMARY KEY)");
            s.execute("INSERT IGNORE INTO listener_orders VALUES (1), (2)");
        }
        try (Connection c = DriverManager.getConnection(db.guardUrl(""), db.tls("VERIFY_IDENTITY", db.app()));
             Statement s = c.createStatement()) {
            assertThatThrownBy(() -> new OrderRepository().purge(() -> {
                try {
                    return s.executeUpdate("DELETE FROM listener_orders");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            })).hasCauseInstanceOf(GuardViolationException.class);
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM listener_orders")) {
                r.next();
                assertThat(r.getInt(1)).as("nothing was deleted").isEqualTo(2);
            }
        }
        assertThat(DeclaredFindingListener.MADE).as("made once, by the ServiceLoader").hasSize(1);
        assertThat(DeclaredFindingListener.RECEIVED).filteredOn(f -> "delete from listener_orders".equals(f.fingerprint()))
                .singleElement().satisfies(finding -> {
                    assertThat(finding.action()).isEqualTo(Finding.Action.BLOCK);
                    assertThat(finding.ruleId()).isEqualTo("dml.no-where");
                    assertThat(finding.tables()).containsExactly("listener_orders");
                    assertThat(finding.target()).isEqualTo(db.app().user() + "@" + db.host() + ":" + db.port()
                            + "/" + db.database());
                    assertThat(finding.caller()).isEqualTo(APP_FRAME);
                    assertThat(finding.message()).startsWith("[jdbc-guard] dml.no-where: DELETE without WHERE")
                            .doesNotContain(db.app().password());
                    assertThat(finding.fix()).isNotBlank();
                    assertThat(finding.evidence()).isEqualTo(Finding.Evidence.NONE);
                });
    }
}
