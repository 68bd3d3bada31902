package dev.jdbcguard.driver.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.acme.shop.OrderRepository;
import dev.jdbcguard.driver.testing.Concurrently;
import dev.jdbcguard.rules.RuleCatalog;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLWarning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WarningReporterTest {

    private static final Detection NO_WHERE = Detection.of(RuleCatalog.DML_NO_WHERE, "DELETE without WHERE on orders",
            "delete from orders");
    /** Why and fix are the catalog's words, as rules/README.md shows them. */
    private static final String NO_WHERE_BODY = "DELETE without WHERE on orders — " + why(RuleCatalog.DML_NO_WHERE)
            + ". Fix: " + fix(RuleCatalog.DML_NO_WHERE) + ". fingerprint=\"delete from orders\"";
    private static final String APP_FRAME = "com.acme.shop.OrderRepository.purge(OrderRepository.java:"
            + OrderRepository.PURGE_CALL_LINE + ")";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger walks = new AtomicInteger();
    private final FrameLocator countingFrames = () -> {
        walks.incrementAndGet();
        return AppFrames.defaults().locate();
    };
    private final WarningReporter reporter =
            new WarningReporter(Duration.ofSeconds(60), 100, countingFrames, nanos::get);
    private final LogCapture log = new LogCapture();

    @AfterEach
    void closeCapture() {
        log.close();
    }

    @Test
    void logsOneLineWithRuleWhatWhyFixFingerprintAndApplicationFrame() {
        SQLWarning warning = new OrderRepository().purge(() -> reporter.warn(NO_WHERE));

        String expected = "[jdbc-guard] dml.no-where WARN: " + NO_WHERE_BODY + " at " + APP_FRAME;
        assertThat(log.lines()).containsExactly(expected);
        ILoggingEvent event = log.events().get(0);
        assertThat(event.getLoggerName()).isEqualTo("jdbcguard.dml.no-where");
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(warning.getMessage()).isEqualTo(expected);
    }

    @Test
    void aFindingMadeOnAnotherThreadPointsAtTheFrameRememberedOnTheCallersThread() throws Exception {
        String remembered = new OrderRepository().purge(reporter::callerFrame);
        assertThat(remembered).isEqualTo(APP_FRAME);
        int walksBefore = walks.get();

        Thread explainThread = new Thread(() -> reporter.warn(NO_WHERE, remembered));
        explainThread.start();
        explainThread.join();

        assertThat(log.lines()).containsExactly("[jdbc-guard] dml.no-where WARN: " + NO_WHERE_BODY + " at " + APP_FRAME);
        assertThat(walks.get()).as("no walk of the other thread's stack").isEqualTo(walksBefore);
    }

    @Test
    void warningIsAGuardWarningWithItsOwnWarningState() {
        SQLWarning warning = reporter.warn(NO_WHERE);

        assertThat((Throwable) warning).isInstanceOf(GuardWarning.class);
        assertThat(warning.getSQLState()).isEqualTo("01JG0").startsWith("01");
        assertThat(((GuardWarning) warning).ruleId()).isEqualTo("dml.no-where");
        assertThat(((GuardWarning) warning).fingerprint()).isEqualTo("delete from orders");
        assertThat(warning.getStackTrace()).isEmpty();
    }

    @Test
    void repeatsWithinTheWindowAreCountedAndReportedWithTheNextLine() {
        OrderRepository repository = new OrderRepository();
        List<SQLWarning> warnings = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            warnings.add(repository.purge(() -> reporter.warn(NO_WHERE)));
            nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        }
        assertThat(log.lines()).hasSize(1);
        assertThat(warnings).hasSize(4).allSatisfy(w -> assertThat(w.getMessage()).contains(NO_WHERE_BODY));
        assertThat(warnings.get(1).getMessage()).isEqualTo("[jdbc-guard] dml.no-where WARN: " + NO_WHERE_BODY);

        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        SQLWarning afterWindow = repository.purge(() -> reporter.warn(NO_WHERE));

        String expected = "[jdbc-guard] dml.no-where WARN: " + NO_WHERE_BODY + " at " + APP_FRAME + " (+3 suppressed)";
        assertThat(log.lines()).hasSize(2).last().isEqualTo(expected);
        assertThat(afterWindow.getMessage()).isEqualTo(expected);
        assertThat(walks).hasValue(2);
    }

    @Test
    void anotherFingerprintOrRuleIsNotSuppressedByTheFirst() {
        reporter.warn(NO_WHERE);
        reporter.warn(Detection.of(RuleCatalog.DML_NO_WHERE, "UPDATE without WHERE on orders",
                "update orders set status = ?"));
        reporter.warn(Detection.of(RuleCatalog.QUERY_SELECT_STAR, "SELECT * from orders", "delete from orders"));
        reporter.warn(NO_WHERE);

        assertThat(log.lines()).hasSize(3);
    }

    @Test
    void concurrentRepeatsLogOnceAndLoseNoCount() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        Concurrently.run(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                reporter.warn(NO_WHERE);
            }
        });
        assertThat(log.lines()).hasSize(1);

        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        reporter.warn(NO_WHERE);

        assertThat(log.lines()).hasSize(2).last().asString()
                .endsWith(" (+" + (threads * perThread - 1) + " suppressed)");
    }

    @Test
    void loggerOffMeansNoStackWalkNoLineButStillAWarning() {
        log.level("dml.no-where", Level.OFF);

        SQLWarning warning = null;
        for (int i = 0; i < 100; i++) {
            warning = new OrderRepository().purge(() -> reporter.warn(NO_WHERE));
        }

        assertThat(walks).hasValue(0);
        assertThat(log.lines()).isEmpty();
        assertThat(warning.getMessage()).isEqualTo("[jdbc-guard] dml.no-where WARN: " + NO_WHERE_BODY);
    }

    @Test
    void levelIsPerRuleAndPerFamily() {
        log.level("ddl", Level.ERROR);

        reporter.warn(Detection.of(RuleCatalog.DDL_ADD_COLUMN, "ALTER TABLE orders ADD COLUMN",
                "alter table orders add column note text"));
        reporter.warn(NO_WHERE);

        assertThat(log.lines()).singleElement().asString().startsWith("[jdbc-guard] dml.no-where WARN: ");
        assertThat(walks).hasValue(1);
    }

    @Test
    void blockReturnsTheExceptionToThrowAndLogsABlockLine() {
        Detection dropTable = Detection.of(RuleCatalog.DDL_DROP_TABLE, "DROP TABLE orders", "drop table orders")
                .hinting("run schema changes through the migration profile, or /* guard:allow ddl.drop-table */");

        GuardViolationException refused = new OrderRepository().purge(() -> reporter.block(dropTable));

        String body = "DROP TABLE orders — " + why(RuleCatalog.DDL_DROP_TABLE) + ". Fix: " + fix(RuleCatalog.DDL_DROP_TABLE)
                + ". Here: run schema changes through the migration profile, or /* guard:allow ddl.drop-table */."
                + " fingerprint=\"drop table orders\"";
        assertThat((Throwable) refused).isInstanceOf(SQLSyntaxErrorException.class).isInstanceOf(SQLException.class)
                .hasMessage("[jdbc-guard] ddl.drop-table: " + body);
        assertThat(refused.ruleId()).isEqualTo("ddl.drop-table");
        assertThat(refused.fingerprint()).isEqualTo("drop table orders");
        assertThat(refused.getSQLState()).isEqualTo("42JG0");
        assertThat(refused.getErrorCode()).isZero();
        assertThat(log.lines()).containsExactly("[jdbc-guard] ddl.drop-table BLOCK: " + body + " at " + APP_FRAME);
    }

    @Test
    void connectionFindingsHaveNoFingerprintAndStayOneLine() {
        SQLWarning warning = new OrderRepository().purge(() -> reporter.warn(Detection.ofConnection(RuleCatalog.CONN_LEAK,
                "connection held for 95 s.\nOpened at com.acme.Jobs.run").hinting("close it\tin try-with-resources.")));

        assertThat(warning.getMessage()).isEqualTo("[jdbc-guard] conn.leak WARN: connection held for 95 s. "
                + "Opened at com.acme.Jobs.run — " + why(RuleCatalog.CONN_LEAK) + ". "
                + "Fix: " + fix(RuleCatalog.CONN_LEAK) + ". Here: close it in try-with-resources. at " + APP_FRAME);
        assertThat(log.lines()).containsExactly(warning.getMessage());
    }

    @Test
    void longFingerprintsAreCutAndQuotesEscaped() {
        String fingerprint = "select \"a\" from t where x in (?)" + " and y = ?".repeat(50);
        SQLWarning warning = reporter.warn(Detection.of(RuleCatalog.QUERY_SLOW, "query took 2.1 s", fingerprint));

        String quoted = warning.getMessage().substring(warning.getMessage().indexOf("fingerprint=\"") + 13);
        assertThat(quoted).startsWith("select \\\"a\\\" from t").contains("…\"");
        assertThat(quoted.substring(0, quoted.indexOf('…')).replace("\\\"", "\""))
                .hasSize(WarningText.MAX_FINGERPRINT_CHARS);
    }

    @Test
    void secretsNeverReachTheLineTheWarningOrTheException() {
        String secret = "s3cr3t-Pa55";
        Detection careless = Detection.ofConnection(RuleCatalog.CONN_CREDENTIALS_IN_URL,
                "password in jdbc:guard:mysql://app:" + secret + "@db.internal:3306/shop?password=" + secret)
                .hinting("anyone who reads the config sees it; PWD: " + secret)
                .hinting("pass it as a property, not sslPassword=" + secret + "&useSSL=true");

        SQLWarning warning = reporter.warn(careless);
        GuardViolationException refused = reporter.block(careless);

        assertThat(log.lines()).hasSize(2).allSatisfy(line -> assertThat(line).doesNotContain(secret));
        assertThat(warning.getMessage()).doesNotContain(secret)
                .contains("mysql://app:***@db.internal:3306/shop?password=***")
                .contains("PWD: ***").contains("sslPassword=***&useSSL=true");
        assertThat(refused.getMessage()).doesNotContain(secret);
    }

    /** The catalog's why, as the line carries it: one sentence without its closing full stop. */
    private static String why(String ruleId) {
        return sentence(RuleCatalog.require(ruleId).why());
    }

    private static String fix(String ruleId) {
        return sentence(RuleCatalog.require(ruleId).fix());
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
