package dev.jdbcguard.driver.warnings;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.jdbcguard.GuardListeners;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.SQLWarning;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns findings into the warnings people act on: one SLF4J line per rule and fingerprint per
 * window, and the {@code SQLWarning} or exception the driver hands to the application.
 *
 * <p><b>Loggers.</b> Each rule logs at WARN to the logger {@code jdbcguard.<rule-id>}, so users
 * silence or route a rule, or a family ({@code jdbcguard.ddl}), in their logging configuration.
 *
 * <p><b>Deduplication.</b> Per (rule id, fingerprint), and per action so that the first BLOCK line
 * after a reload turned a warning into a block is not hidden: the first occurrence is logged; repeats
 * within {@code window} of the last logged line are only counted; the first occurrence after the
 * window is logged with {@code (+N suppressed)}. At most {@code maxTracked} pairs are remembered
 * (Caffeine, size-bounded); a pair evicted with repeats pending loses that count, nothing else.
 * Deduplication applies to the log only: every call returns its own warning or exception.
 *
 * <p><b>Cost.</b> When the rule's logger is not enabled for WARN: one map lookup, the text of the
 * warning, no deduplication bookkeeping and no stack walk. When enabled: one cache lookup and two
 * atomic operations; a logged line adds the {@link FrameLocator} walk and the line itself.
 * Thread-safe.
 */
public final class WarningReporter {

    /** Logger names are this prefix plus the rule id. */
    public static final String LOGGER_PREFIX = "jdbcguard.";
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_TRACKED = 10_000;

    /** The target of a finding made where no connection's funnel named one (a reporter used on its own). */
    static final String UNKNOWN_TARGET = "(unknown target)";
    static final String WARN = "WARN";
    static final String BLOCK = "BLOCK";
    static final String WOULD_BLOCK = "WOULD_BLOCK";

    private final long windowNanos;
    private final FrameLocator frames;
    private final Ticker ticker;
    private final int maxTracked;
    /** Built at the first warning logged: a fresh JVM's first Caffeine cache costs ~100 ms a first connect need not pay. */
    private final AtomicReference<Cache<Key, Occurrences>> seen = new AtomicReference<>();
    private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();

    /**
     * @param window     how long repeats of a logged (rule, fingerprint) are counted instead of logged
     * @param maxTracked how many (rule, fingerprint) pairs are remembered for deduplication
     * @param frames     finds the application frame a logged line points at, usually
     *                   {@link AppFrames#defaults()} or an extension of it
     */
    public WarningReporter(Duration window, int maxTracked, FrameLocator frames) {
        this(window, maxTracked, frames, Ticker.systemTicker());
    }

    WarningReporter(Duration window, int maxTracked, FrameLocator frames, Ticker ticker) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("warning window must not be negative: " + window);
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("maxTracked must be at least 1: " + maxTracked);
        }
        this.windowNanos = window.toNanos();
        this.frames = Objects.requireNonNull(frames, "frames");
        this.ticker = ticker;
        this.maxTracked = maxTracked;
    }

    /**
     * Reports a finding whose action is {@code warn}: logs it (deduplicated) and returns the warning
     * the driver appends to the statement's or connection's {@code getWarnings()} chain. When this
     * call logged, the warning's message is exactly the logged line; otherwise it is the same line
     * without the application frame and suppressed count.
     */
    public SQLWarning warn(Detection finding) {
        return new GuardWarning(report(finding, WARN, frames, null), finding);
    }

    /**
     * As {@link #warn(Detection)}, for a finding made away from the application's thread: the logged
     * line points at {@code calledFrom}, a frame {@link #callerFrame()} returned earlier on that thread.
     */
    public SQLWarning warn(Detection finding, String calledFrom) {
        return new GuardWarning(report(finding, WARN, () -> calledFrom, null), finding);
    }

    /**
     * Reports a finding whose action is {@code block} under observe mode: logs it (label {@code WOULD_BLOCK}) and
     * returns the warning that says the statement would have been refused; the statement goes on.
     *
     * @param calledFrom the application frame the line points at, or null for the current thread's
     */
    public SQLWarning wouldBlock(Detection finding, String calledFrom) {
        return new GuardWarning(report(finding, WOULD_BLOCK, calledFrom == null ? frames : () -> calledFrom, null),
                finding);
    }

    /** The application frame of the current thread, as a logged line shows it, or null (a walk of the stack). */
    public String callerFrame() {
        return frames.locate();
    }

    /** The application frame of {@code stack}, as a logged line shows it, or null. */
    public String applicationFrame(StackTraceElement[] stack) {
        return frames.locate(stack);
    }

    /**
     * Reports a finding whose action is {@code block}: logs it (deduplicated, label {@code BLOCK})
     * and returns the exception for the driver to throw before the statement reaches the server.
     */
    public GuardViolationException block(Detection finding) {
        GuardViolationException refusal = new GuardViolationException(finding);
        report(finding, BLOCK, frames, refusal.getMessage());
        return refusal;
    }

    /**
     * Logs the line if due, hands the finding to the {@link GuardListeners} when any is registered (every
     * occurrence: deduplication is the log's), and returns the text for the warning.
     *
     * @param message the text the application gets, when it is not the warning's line (a block's exception)
     */
    private String report(Detection finding, String label, FrameLocator locator, String message) {
        Logger logger = logger(finding.ruleId());
        String line = null;
        String frame = null;
        boolean located = false;
        if (logger.isWarnEnabled()) {
            long now = ticker.read();
            Occurrences occurrences = seen().get(new Key(finding.ruleId(), label, finding.fingerprint()),
                    key -> new Occurrences(now - windowNanos));
            long suppressed = occurrences.claimLine(now, windowNanos);
            if (suppressed >= 0) {
                frame = locator.locate();
                located = true;
                line = WarningText.line(finding, label, frame, suppressed);
                logger.warn(line);
            }
        }
        if (line == null) {
            line = WarningText.line(finding, label, null, 0);
        }
        if (GuardListeners.findingListenersPresent()) {
            publish(finding, label, message == null ? line : message, located ? frame : locator.locate());
        }
        return line;
    }

    /** The finding as listeners see it. Cold path: only when a listener is registered. */
    private static void publish(Detection finding, String label, String message, String caller) {
        GuardListeners.publish(new dev.jdbcguard.Finding(finding.ruleId(), action(label), message, finding.fix(), finding.fingerprint(), finding.tables(),
                finding.target() == null ? UNKNOWN_TARGET : finding.target(), caller, Instant.now(),
                finding.evidence()));
    }

    private static dev.jdbcguard.Finding.Action action(String label) {
        return switch (label) {
            case BLOCK -> dev.jdbcguard.Finding.Action.BLOCK;
            case WOULD_BLOCK -> dev.jdbcguard.Finding.Action.WOULD_BLOCK;
            default -> dev.jdbcguard.Finding.Action.WARN;
        };
    }

    private Logger logger(String ruleId) {
        Logger logger = loggers.get(ruleId);
        return logger != null ? logger : loggers.computeIfAbsent(ruleId, id -> LoggerFactory.getLogger(LOGGER_PREFIX + id));
    }

    private record Key(String ruleId, String label, String fingerprint) {
    }

    /** Repeats of one (rule, fingerprint) and when it was last logged. */
    private static final class Occurrences {

        private static final VarHandle LAST_LOGGED;

        static {
            try {
                LAST_LOGGED = MethodHandles.lookup().findVarHandle(Occurrences.class, "lastLogged", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final AtomicLong suppressed = new AtomicLong();
        @SuppressWarnings("unused") // accessed through LAST_LOGGED
        private volatile long lastLogged;

        Occurrences(long lastLogged) {
            this.lastLogged = lastLogged;
        }

        /**
         * Either claims the right to log now, returning the repeats suppressed since the last line,
         * or counts this occurrence as suppressed and returns -1. One caller wins per window.
         */
        long claimLine(long now, long windowNanos) {
            long last = lastLogged;
            if (now - last >= windowNanos && LAST_LOGGED.compareAndSet(this, last, now)) {
                return suppressed.getAndSet(0);
            }
            suppressed.incrementAndGet();
            return -1;
        }
    }

    private Cache<Key, Occurrences> seen() {
        Cache<Key, Occurrences> cache = seen.get();
        return cache != null ? cache
                : seen.updateAndGet(built -> built != null ? built : Caffeine.newBuilder().maximumSize(maxTracked).build());
    }
}
