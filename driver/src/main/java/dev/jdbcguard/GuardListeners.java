package dev.jdbcguard;

import java.time.Duration;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * The JVM-wide registry of {@link FindingListener}s and {@link StatementListener}s: the one piece of static mutable
 * state besides the registered driver, because a test extension or a report must see the findings of connections it
 * did not open (through a pool, Spring, an ORM).
 *
 * <p>Finding listeners declared in {@code META-INF/services/dev.jdbcguard.FindingListener} are loaded once, at the
 * first finding, with the class loader that loaded the guard. Listeners added here are called after those, in the
 * order added; adding the same instance twice calls it twice. Lists are copy-on-write: publishing reads a snapshot
 * and takes no lock.
 */
public final class GuardListeners {

    static final String LOGGER = "jdbcguard.listener";

    private static final CopyOnWriteArrayList<FindingListener> FINDING_LISTENERS = new CopyOnWriteArrayList<>();
    private static final CopyOnWriteArrayList<StatementListener> STATEMENT_LISTENERS = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean SERVICES_LOADED = new AtomicBoolean();
    /** Read on every statement; written only when a statement listener is added or removed. */
    private static volatile boolean statementListenersPresent;
    /** Guards {@link #backgroundChecks}; waiters of {@link #awaitBackgroundChecks} wait on it. */
    private static final Object BACKGROUND = new Object();
    /** Background checks whose findings are still to come; moves only on a fingerprint's first sighting. */
    private static long backgroundChecks;

    private GuardListeners() {
    }

    /** A registration; closing it removes the listener (what a test extension does in {@code afterEach}). */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Adds a finding listener for the whole JVM (a lambda needs no cast: the name says which kind). */
    public static Registration addFindingListener(FindingListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        loadServices();
        FINDING_LISTENERS.add(listener);
        return () -> FINDING_LISTENERS.remove(listener);
    }

    /** Adds a statement listener for the whole JVM; while one is registered every statement is told. */
    public static Registration addStatementListener(StatementListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        STATEMENT_LISTENERS.add(listener);
        statementListenersPresent = true;
        return () -> {
            STATEMENT_LISTENERS.remove(listener);
            statementListenersPresent = !STATEMENT_LISTENERS.isEmpty();
        };
    }

    /** Removes the first registration of {@code listener}; true when there was one. */
    public static boolean removeFindingListener(FindingListener listener) {
        return FINDING_LISTENERS.remove(listener);
    }

    /** Removes the first registration of {@code listener}; true when there was one. */
    public static boolean removeStatementListener(StatementListener listener) {
        boolean removed = STATEMENT_LISTENERS.remove(listener);
        statementListenersPresent = !STATEMENT_LISTENERS.isEmpty();
        return removed;
    }

    /**
     * The driver's own entry: hands {@code finding} to every listener; a listener's exception is logged once per
     * listener class and swallowed.
     */
    public static void publish(Finding finding) {
        loadServices();
        for (FindingListener listener : FINDING_LISTENERS) {
            try {
                listener.onFinding(finding);
            } catch (RuntimeException | LinkageError e) {
                Failures.once(listener.getClass(), e);
            }
        }
    }

    /**
     * Whether {@link #publish(Finding)} has anyone to call (loading the declared listeners at the first call): the
     * driver builds a finding's public form, and walks the stack for its caller, only when it has.
     */
    public static boolean findingListenersPresent() {
        loadServices();
        return !FINDING_LISTENERS.isEmpty();
    }

    /**
     * Waits until no background check is pending (an EXPLAIN requested by a first execution that did not wait for
     * it, whose finding the EXPLAIN thread publishes when the plan arrives), at most {@code timeout}: what a test
     * extension calls so that a full scan fails the test that ran it on its first execution.
     *
     * @return true when none is pending, false when {@code timeout} passed first
     */
    public static boolean awaitBackgroundChecks(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (BACKGROUND) {
            while (backgroundChecks > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(BACKGROUND, left);
            }
            return true;
        }
    }

    /** The driver's own entry: a background check started; {@link #backgroundCheckFinished()} must follow. */
    public static void backgroundCheckStarted() {
        synchronized (BACKGROUND) {
            backgroundChecks++;
        }
    }

    /** The driver's own entry: a background check published what it found, or gave up. */
    public static void backgroundCheckFinished() {
        synchronized (BACKGROUND) {
            backgroundChecks--;
            BACKGROUND.notifyAll();
        }
    }

    /** Whether {@link #publish(StatementEvent)} has anyone to call: the statement path's one volatile read. */
    public static boolean statementListenersPresent() {
        return statementListenersPresent;
    }

    /** The driver's own entry: hands {@code statement} to every statement listener, as {@link #publish(Finding)}. */
    public static void publish(StatementEvent statement) {
        for (StatementListener listener : STATEMENT_LISTENERS) {
            try {
                listener.onStatement(statement);
            } catch (RuntimeException | LinkageError e) {
                Failures.once(listener.getClass(), e);
            }
        }
    }

    private static void loadServices() {
        if (SERVICES_LOADED.get() || !SERVICES_LOADED.compareAndSet(false, true)) {
            return;
        }
        try {
            ServiceLoader<FindingListener> loader =
                    ServiceLoader.load(FindingListener.class, GuardListeners.class.getClassLoader());
            // Declared listeners go first, whatever was added before the first finding.
            FINDING_LISTENERS.addAll(0, loader.stream().map(ServiceLoader.Provider::get).toList());
        } catch (ServiceConfigurationError e) {
            LoggerFactory.getLogger(LOGGER).warn("[jdbc-guard] a FindingListener declared in META-INF/services"
                    + " could not be loaded; findings go to the log only: {}", e.toString());
        }
    }

    /** Logs a listener's failure once per listener class, so a broken listener cannot flood the log. */
    private static final class Failures {
        private static final ClassValue<AtomicBoolean> LOGGED = new ClassValue<>() {
            @Override
            protected AtomicBoolean computeValue(Class<?> type) {
                return new AtomicBoolean();
            }
        };

        static void once(Class<?> listener, Throwable failure) {
            if (LOGGED.get(listener).compareAndSet(false, true)) {
                LoggerFactory.getLogger(LOGGER).warn("[jdbc-guard] listener {} threw; it stays registered, and later"
                        + " failures of it are not logged", listener.getName(), failure);
            }
        }
    }
}
