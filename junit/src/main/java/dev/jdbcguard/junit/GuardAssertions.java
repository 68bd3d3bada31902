package dev.jdbcguard.junit;

import java.util.Set;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/**
 * Statement budgets and findings for a part of a test:
 * <pre>{@code
 * GuardAssertions.assertThat(() -> service.load(id))
 *         .ranAtMost(1, StatementEvent.Kind.SELECT)
 *         .hasNoFindings();
 * }</pre>
 * Works with or without {@link JdbcGuardExtension}: it records every guarded connection of the JVM while the code
 * runs (on any thread), and the statements it counts also count for the test's own budget.
 */
public final class GuardAssertions {

    private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private GuardAssertions() {
    }

    /**
     * Runs {@code code} and returns what the guard saw meanwhile, to assert on.
     *
     * @throws AssertionFailedError when {@code code} throws (as its cause, with the findings made until then): a
     *                              budget or finding assertion about code that did not finish would mislead
     */
    public static GuardedRun assertThat(Executable code) {
        Class<?> caller = CALLER.getCallerClass();
        Recording recording = Recording.start(TestFrames.of(topLevel(caller)), Set.of());
        Throwable thrown = null;
        try {
            code.execute();
        } catch (Throwable t) {
            thrown = t;
        } finally {
            recording.close();
        }
        if (thrown != null) {
            if (thrown instanceof OutOfMemoryError || thrown instanceof StackOverflowError) {
                throw (Error) thrown;
            }
            throw new AssertionFailedError("[jdbc-guard] the code under test threw " + thrown
                    + GuardedRun.listing(recording), thrown);
        }
        return new GuardedRun(recording);
    }

    private static Class<?> topLevel(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        return top;
    }
}
