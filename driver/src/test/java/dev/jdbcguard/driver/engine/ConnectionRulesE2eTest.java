package dev.jdbcguard.driver.engine;

import dev.jdbcguard.driver.metrics.GuardBeans;
import static dev.jdbcguard.driver.engine.Guarded.connect;
import static dev.jdbcguard.driver.testing.Guarded.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.jdbc.MysqlDataSource;
import dev.jdbcguard.GuardDataSource;
import dev.jdbcguard.testdb.TestDatabase;
import dev.jdbcguard.testdb.TestDatabaseExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TLS and the connection cap through {@code jdbc:guard:mysql://} and the registered driver, on the real server. */
@ExtendWith(TestDatabaseExtension.class)
class ConnectionRulesE2eTest {

    private final TestDatabase db;

    ConnectionRulesE2eTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void productionRefusesAWeakerSslModeBeforeConnectingAndSaysWhatToChange() {
        assertThatThrownBy(() -> DriverManager.getConnection(db.guardUrl("sslMode=PREFERRED"), login(db.app())).close())
                .isInstanceOf(SQLNonTransientConnectionException.class)
                .hasMessageStartingWith("[jdbc-guard] tls.required: connection to " + db.app().user() + "@")
                .hasMessageContaining("sslMode=PREFERRED")
                .hasMessageContaining("change sslMode=PREFERRED to sslMode=VERIFY_IDENTITY in the URL");
        assertThatThrownBy(() -> DriverManager.getConnection(db.guardUrl(""), db.tls("VERIFY_CA", db.app())).close())
                .isInstanceOf(SQLNonTransientConnectionException.class)
                .hasMessageStartingWith("[jdbc-guard] tls.required: ");
    }

    @Test
    void productionAcceptsVerifyIdentityWithTheHarnessCa() throws SQLException {
        try (Connection c = connect(db, "")) {
            assertThat(sslVersion(c)).startsWith("TLSv1.");
        }
    }

    @Test
    void verifyCaModeAcceptsVerifyCa() throws SQLException {
        Path rules = Guarded.rulesFile("rules:\n  tls.required: {action: block, mode: verify-ca}\n");
        try (Connection c = DriverManager.getConnection(db.guardUrl("guard.rules=" + rules), db.tls("VERIFY_CA", db.app()))) {
            assertThat(sslVersion(c)).startsWith("TLSv1.");
        }
    }

    @Test
    void upgradeStrengthensTheSettingInsteadOfRefusing() throws SQLException {
        Path rules = Guarded.rulesFile("rules:\n  tls.required: {action: block, upgrade: true}\n");
        try (Connection c = DriverManager.getConnection(db.guardUrl("guard.rules=" + rules), db.tls("PREFERRED", db.app()))) {
            assertThat(sslVersion(c)).startsWith("TLSv1.");
        }
    }

    @Test
    void aServerWithoutTlsIsRefusedAfterConnectingEvenWhenTheSettingCouldNotBeRead() throws Exception {
        TestDatabase plain = db.plaintextServer();
        MysqlDataSource target = new MysqlDataSource();
        target.setUrl(plain.mysqlUrl("sslMode=PREFERRED"));
        target.setUser(plain.app().user());
        target.setPassword(plain.app().password());
        int guardsBefore = GuardBeans.all().size();
        GuardDataSource guarded = new GuardDataSource(target);
        try (guarded) {
            assertThatThrownBy(() -> guarded.getConnection().close())
                    .isInstanceOf(SQLNonTransientConnectionException.class)
                    .hasMessageStartingWith("[jdbc-guard] tls.required: the server of ")
                    .hasMessageContaining("accepted the session without TLS");
            assertThat(GuardBeans.awaitCount(guardsBefore + 1)).as("the data source's engine registered").isTrue();
        }
        // close() stopped the data source's own engine: its metrics are gone and it connects no more.
        assertThat(GuardBeans.all()).hasSize(guardsBefore);
        assertThatThrownBy(guarded::getConnection).isInstanceOf(SQLException.class)
                .hasMessage("[jdbc-guard] this guard was closed");
    }

    @Test
    void capHoldsUnder32ThreadsAndNoPlaceIsLostAfterFailures() throws Exception {
        Path rules = Guarded.rulesFile("cap-rules.yaml", """
                rules:
                  tls: off
                  conn.churn: off
                  conn.cap: {action: block, max: 4, wait: 200ms}
                """);
        String url = db.guardUrl("guard.rules=" + rules);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicInteger connected = new AtomicInteger();
        ConcurrentLinkedQueue<SQLException> refused = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        try {
            for (int t = 0; t < 32; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 3; i++) {
                        try (Connection c = DriverManager.getConnection(url, login(db.app()))) {
                            maxSeen.accumulateAndGet(open.incrementAndGet(), Math::max);
                            connected.incrementAndGet();
                            Thread.sleep(150);
                            open.decrementAndGet();
                        } catch (SQLTransientConnectionException e) {
                            refused.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(maxSeen.get()).isEqualTo(4);
        assertThat(connected.get()).isPositive();
        assertThat(refused).allSatisfy(e -> assertThat((Throwable) e).hasMessageStartingWith("[jdbc-guard] conn.cap: ")
                .hasMessageContaining("(cap 4)"));

        Properties wrong = login(db.app());
        wrong.setProperty("password", "not-the-password");
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> DriverManager.getConnection(url, wrong).close()).isInstanceOf(SQLException.class)
                    .isNotInstanceOf(SQLTransientConnectionException.class);
        }
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(DriverManager.getConnection(url, login(db.app())));
            }
            assertThat(openConnections("cap-rules.yaml (production)")).isEqualTo(4);
            assertThatThrownBy(() -> DriverManager.getConnection(url, login(db.app())).close())
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageStartingWith("[jdbc-guard] conn.cap: 4 connections open to " + db.app().user() + "@")
                    .hasMessageContaining("(cap 4), none closed within the ")
                    .hasMessageContaining("the longest has been open ");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        assertThat(openConnections("cap-rules.yaml (production)")).isZero();
        DriverManager.getConnection(url, login(db.app())).close();
    }

    /** The open-connections gauge of the engine's JMX bean, summed over its targets. */
    static long openConnections(String guardName) throws Exception {
        CompositeData[] targets = (CompositeData[]) GuardBeans.attribute(GuardBeans.named(guardName), "Targets");
        long open = 0;
        for (CompositeData target : targets) {
            open += ((Number) target.get("openConnections")).longValue();
        }
        return open;
    }

    private static String sslVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
            assertThat(r.next()).isTrue();
            return r.getString(2);
        }
    }
}
