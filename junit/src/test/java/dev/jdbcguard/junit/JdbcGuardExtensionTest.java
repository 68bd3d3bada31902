package dev.jdbcguard.junit;

import static dev.jdbcguard.Finding.Action.BLOCK;
import static dev.jdbcguard.Finding.Action.WARN;
import static dev.jdbcguard.Finding.Action.WOULD_BLOCK;
import static dev.jdbcguard.StatementEvent.Kind.INSERT;
import static dev.jdbcguard.StatementEvent.Kind.SELECT;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.Events;
import org.slf4j.LoggerFactory;

/**
 * The extension's own logic, fed with findings and statement events exactly as the driver publishes them through
 * {@code GuardListeners}; the end-to-end tests with the real server are {@link RealDatabaseTest}. Each fixture
 * runs in a JUnit run of its own (surefire does not pick up nested classes).
 */
class JdbcGuardExtensionTest {

    private static final String LOOKUP = "select name from customers where id = ?";

    static int lineOfCaller() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber();
    }

    @ExtendWith(JdbcGuardExtension.class)
    static class NPlusOne {
        static volatile int line;

        @Test
        void loop() {
            line = lineOfCaller(); for (int i = 0; i < 3; i++) { Published.publish("query.n-plus-one", WARN, LOOKUP); }
        }
    }

    @Test
    void aWarningOfNPlusOneFailsTheTestNamingRuleFingerprintCountLineAndFix() {
        String message = Kit.failure(Kit.run(NPlusOne.class));
        assertThat(message)
                .startsWith("[jdbc-guard] 3 findings of 1 kind failed this test (fails on any block; warn of"
                        + " query.n-plus-one, query.unindexed):")
                .contains("1) query.n-plus-one WARN, 3 times")
                .contains("statement: " + LOOKUP)
                .contains("test line: " + NPlusOne.class.getName() + ".loop(JdbcGuardExtensionTest.java:"
                        + NPlusOne.line + ")")
                .contains("called at: com.acme.shop.OrderRepository.load(OrderRepository.java:12)")
                .contains("what:      what happened to " + LOOKUP + "\n")
                .contains("fix:       the fix of query.n-plus-one")
                .contains("accept it: @AllowFinding(\"query.n-plus-one\")");
    }

    @ExtendWith(JdbcGuardExtension.class)
    static class Allowed {
        @Test
        @AllowFinding("query.n-plus-one")
        void byMethod() {
            Published.publish("query.n-plus-one", WARN, LOOKUP);
        }

        @Test
        @AllowFinding("query")
        void byPrefix() {
            Published.publish("query.unindexed", WARN, LOOKUP);
            Published.publish("query.n-plus-one", BLOCK, LOOKUP);
        }

        @Test
        @AllowFinding("query")
        void notOtherFamilies() {
            Published.publish("dml.no-where", BLOCK, "delete from orders");
        }
    }

    @Test
    void allowFindingAcceptsItsRulesAndPrefixesOnly() {
        Events events = Kit.run(Allowed.class);
        assertThat(events.succeeded().count()).as("successful events incl. containers").isEqualTo(4);
        assertThat(Kit.failure(events)).contains("1) dml.no-where BLOCK, once").contains("statement: delete from orders");
    }

    @ExtendWith(JdbcGuardExtension.class)
    @AllowFinding("query.n-plus-one")
    static class AllowedByClass {
        @Nested
        class Inner {
            @Test
            void loop() {
                Published.publish("query.n-plus-one", WARN, LOOKUP);
            }
        }
    }

    @Test
    void aClassAllowCoversItsNestedTests() {
        Events events = Kit.run(AllowedByClass.class);
        assertThat(events.failed().count()).isZero();
        assertThat(events.finished().count()).isEqualTo(4); // engine, class, nested class, test
    }

    @ExtendWith(JdbcGuardExtension.class)
    static class Thresholds {
        @Test
        void otherWarningsPassByDefault() {
            Published.publish("query.select-star", WARN, "select * from orders");
            Published.publish("query.slow", WARN, LOOKUP);
        }

        @Test
        void observeModesWouldBlockFails() {
            Published.publish("dml.no-where", WOULD_BLOCK, "update orders set status = ?");
        }

        @Test
        @JdbcGuardTest(failOn = "query.select-star")
        void methodFailOnWins() {
            Published.publish("query.select-star", WARN, "select * from orders");
        }

        @Test
        @JdbcGuardTest(failOn = "block")
        void blockOnlyLetsNPlusOneWarningsPass() {
            Published.publish("query.n-plus-one", WARN, LOOKUP);
        }
    }

    @Test
    void byDefaultOnlyBlocksAndTheTwoQueryRulesFail() {
        Events events = Kit.run(Thresholds.class);
        assertThat(events.failed().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactlyInAnyOrder("observeModesWouldBlockFails()", "methodFailOnWins()");
    }

    @Test
    void theRunWideThresholdComesFromTheConfigurationParameter() {
        Events events = Kit.run(Thresholds.class, Map.of(JdbcGuardExtension.FAIL_ON, "warn"));
        assertThat(events.failed().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactlyInAnyOrder("otherWarningsPassByDefault()", "observeModesWouldBlockFails()",
                        "methodFailOnWins()");
    }

    @JdbcGuardTest(failOn = "query.slow")
    static class ClassFailOn {
        @Test
        void slow() {
            Published.publish("query.slow", WARN, LOOKUP);
        }

        @Test
        void nPlusOneNoLongerFails() {
            Published.publish("query.n-plus-one", WARN, LOOKUP);
        }
    }

    @Test
    void aClassFailOnReplacesTheDefault() {
        Events events = Kit.run(ClassFailOn.class);
        assertThat(events.failed().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactly("slow()");
    }

    @ExtendWith(JdbcGuardExtension.class)
    static class MisspelledAllow {
        @Test
        @AllowFinding("query.n-plus-on")
        void loop() {
        }
    }

    @JdbcGuardTest(failOn = "query.slw")
    static class MisspelledFailOn {
        @Test
        void nothing() {
        }
    }

    @Test
    void anUnknownRuleIdFailsTheClassNamingIt() {
        Events allow = Kit.run(MisspelledAllow.class);
        assertThat(allow.started().count()).as("engine and class only: no test ran").isEqualTo(2);
        assertThat(Kit.failure(allow)).isEqualTo("[jdbc-guard] @AllowFinding on " + MisspelledAllow.class.getName()
                + ".loop(): unknown rule id 'query.n-plus-on'; did you mean 'query.n-plus-one'?");
        assertThat(Kit.failure(Kit.run(MisspelledFailOn.class)))
                .startsWith("[jdbc-guard] @JdbcGuardTest(failOn) on " + MisspelledFailOn.class.getName()
                        + ": unknown rule id 'query.slw'");
        assertThat(Kit.failure(Kit.run(NPlusOne.class, Map.of(JdbcGuardExtension.FAIL_ON, "query.n-plus-one, tx.lng"))))
                .startsWith("[jdbc-guard] configuration parameter jdbcguard.junit.fail-on: unknown rule id 'tx.lng'");
    }

    @ExtendWith(JdbcGuardExtension.class)
    static class Budgets {
        static volatile int line;

        @Test
        @ExpectStatements(select = 1)
        void twoSelects() {
            line = lineOfCaller(); Published.statement(SELECT, LOOKUP);
            Published.statement(SELECT, LOOKUP);
            Published.statement(INSERT, "insert into audit (what) values (?)");
        }

        @Test
        @ExpectStatements(select = 2, total = 3)
        void exact() {
            Published.statement(SELECT, LOOKUP);
            Published.statement(SELECT, LOOKUP);
            Published.statement(INSERT, "insert into audit (what) values (?)");
        }

        @Test
        @ExpectStatements(select = 2, insert = 0, max = true)
        void atMost() {
            Published.statement(SELECT, LOOKUP);
        }

        @Test
        @ExpectStatements(total = 1, max = true)
        void atMostBroken() {
            Published.statement(SELECT, LOOKUP);
            Published.statement(INSERT, "insert into audit (what) values (?)");
        }
    }

    @Test
    void statementBudgetsSayExpectedAgainstActualWithTheStatementsThatRan() {
        Events events = Kit.run(Budgets.class);
        assertThat(events.failed().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactlyInAnyOrder("twoSelects()", "atMostBroken()");
        String twoSelects = events.failed().list().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals("twoSelects()")).findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow()
                .getMessage();
        assertThat(twoSelects).isEqualTo(String.join("\n",
                "[jdbc-guard] statement budget not met, @ExpectStatements(select = 1):",
                "   select: expected 1, ran 2",
                "statements that ran through the guard (3 statements, 2 shapes):",
                "        2  SELECT  " + LOOKUP + "   at " + Budgets.class.getName()
                        + ".twoSelects(JdbcGuardExtensionTest.java:" + Budgets.line + ")",
                "        1  INSERT  insert into audit (what) values (?)   at " + Budgets.class.getName()
                        + ".twoSelects(JdbcGuardExtensionTest.java:" + (Budgets.line + 2) + ")",
                ""));
    }

    @ExtendWith(JdbcGuardExtension.class)
    static class OtherThreads {
        static volatile int line;

        @Test
        void findingFromAnotherThread() throws Exception {
            line = lineOfCaller(); Published.statement(SELECT, LOOKUP);
            // as the EXPLAIN thread does: the finding arrives on a thread of the guard's, after the statement ran
            CompletableFuture.runAsync(() -> Published.publish("query.unindexed", WARN, LOOKUP)).get();
        }
    }

    @Test
    void aFindingFromAnotherThreadPointsAtTheLineWhereTheTestRanItsStatement() {
        assertThat(Kit.failure(Kit.run(OtherThreads.class))).contains("1) query.unindexed WARN, once")
                .contains("test line: " + OtherThreads.class.getName()
                        + ".findingFromAnotherThread(JdbcGuardExtensionTest.java:" + OtherThreads.line + ")");
    }

    @ExtendWith(JdbcGuardExtension.class)
    static class Entries {
        static volatile int line;

        @Test
        @AllowFinding("query.n-plus-one")
        void allowed() {
            line = lineOfCaller(); Published.publish("query.n-plus-one", WARN, LOOKUP);
            Published.publish("query.n-plus-one", WARN, LOOKUP);
            Published.publish("query.select-star", WARN, "select * from orders");
        }

        @Test
        void nothingGuarded() {
        }
    }

    @Test
    void everyFindingGoesToTheReportEntriesAndATestWithoutGuardedStatementsIsSaidAtInfo() {
        Logger logger = (Logger) LoggerFactory.getLogger(JdbcGuardExtension.LOGGER);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        Events events;
        try {
            events = Kit.run(Entries.class);
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(events.failed().count()).isZero();
        List<String> entries = events.reportingEntryPublished().list().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .map(pairs -> pairs.get("jdbc-guard")).toList();
        assertThat(entries).containsExactly(
                "query.n-plus-one WARN x2: " + LOOKUP + " at " + Entries.class.getName()
                        + ".allowed(JdbcGuardExtensionTest.java:" + Entries.line + ") (allowed)",
                "query.select-star WARN x1: select * from orders at " + Entries.class.getName()
                        + ".allowed(JdbcGuardExtensionTest.java:" + (Entries.line + 2) + ")");
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "[jdbc-guard] nothingGuarded() ran no statement through the guard: nothing to check (is its"
                        + " connection a jdbc:guard: one?)");
    }
}
