package dev.jdbcguard.junit;

import static dev.jdbcguard.Finding.Action.WARN;
import static dev.jdbcguard.StatementEvent.Kind.INSERT;
import static dev.jdbcguard.StatementEvent.Kind.SELECT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jdbcguard.Finding;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The lambda-scoped form, fed with events as the driver publishes them (real-server use: {@link RealDatabaseTest}). */
class GuardAssertionsTest {

    private static final String LOOKUP = "select name from customers where id = ?";

    @Test
    void countsOnlyWhatRanInsideTheBlockOnAnyThread() {
        Published.statement(SELECT, LOOKUP); // before the block: not counted
        GuardedRun run = GuardAssertions.assertThat(() -> {
            Published.statement(SELECT, LOOKUP);
            CompletableFuture.runAsync(() -> Published.statement(INSERT, "insert into audit values (?)")).get();
        });
        run.ran(1, SELECT).ran(1, INSERT).ran(2).ranAtMost(2).ranAtMost(1, SELECT).hasNoFindings();
        Assertions.assertThat(run.statements()).isEqualTo(2);
    }

    @Test
    void aBrokenBudgetSaysExpectedAgainstActualAndWhatRan() {
        GuardedRun run = GuardAssertions.assertThat(() -> {
            Published.statement(SELECT, LOOKUP);
            Published.statement(SELECT, LOOKUP);
        });
        assertThatThrownBy(() -> run.ranAtMost(1, SELECT))
                .isInstanceOfSatisfying(AssertionFailedError.class, e -> {
                    Assertions.assertThat(e.getExpected().getValue()).isEqualTo(1);
                    Assertions.assertThat(e.getActual().getValue()).isEqualTo(2L);
                })
                .hasMessage("[jdbc-guard] select: expected at most 1, ran 2\nwhat ran through the guard:\n"
                        + "        2  SELECT  " + LOOKUP);
    }

    @Test
    void findingsAreAssertedByRuleOrPrefix() {
        GuardedRun run = GuardAssertions.assertThat(() -> Published.publish("query.n-plus-one", WARN, LOOKUP));
        run.hasFinding("query.n-plus-one").hasFinding("query").hasNoFindings("ddl", "tx.long");
        Assertions.assertThat(run.findings()).extracting(Finding::ruleId).containsExactly("query.n-plus-one");
        assertThatThrownBy(run::hasNoFindings).hasMessageContaining("1) query.n-plus-one WARN, once")
                .hasMessageContaining("test line: " + GuardAssertionsTest.class.getName()
                        + ".lambda$findingsAreAssertedByRuleOrPrefix$");
        assertThatThrownBy(() -> run.hasNoFindings("query")).hasMessageContaining("statement: " + LOOKUP);
        assertThatThrownBy(() -> run.hasFinding("query.slow"))
                .hasMessageContaining("expected a finding of query.slow, got none");
        assertThatThrownBy(() -> run.hasFinding("query.slw")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hasFinding: unknown rule id 'query.slw'; did you mean 'query.slow'?");
    }

    @Test
    void codeThatThrowsFailsWithItsExceptionAndTheFindingsSoFar() {
        SQLException refused = new SQLException("[jdbc-guard] dml.no-where: DELETE without WHERE");
        assertThatThrownBy(() -> GuardAssertions.assertThat(() -> {
            Published.publish("dml.no-where", Finding.Action.BLOCK, "delete from orders");
            throw refused;
        })).isInstanceOf(AssertionFailedError.class).hasCause(refused)
                .hasMessageContaining("the code under test threw java.sql.SQLException")
                .hasMessageContaining("finding: dml.no-where BLOCK x1: delete from orders");
    }
}
