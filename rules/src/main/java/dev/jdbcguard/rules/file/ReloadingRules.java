package dev.jdbcguard.rules.file;

import dev.jdbcguard.rules.RuleSet;
import dev.jdbcguard.rules.RuleSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rule file that is reloaded when it changes. {@link #current()} is one volatile read.
 *
 * <p>A daemon thread ({@code jdbc-guard-rules-reload}) looks at the file's modification time and size every
 * {@code pollInterval}: one {@code stat} call, off every statement's path. When either changed, the file is read
 * twice, {@link #SETTLE} apart; only when both reads are equal and the file's stamp did not move meanwhile is it
 * parsed (an editor or deploy tool still writing it would otherwise hand over a truncated file, which may even be
 * valid YAML); otherwise the next poll tries again. If valid, the new set replaces the old one atomically and
 * listeners are told. An invalid new version, an empty one included (a file being rewritten is empty for a moment;
 * it never means "the bare profile" at a reload), is logged (SLF4J, logger {@code jdbcguard.rules}) with its precise
 * error, exposed by {@link #lastError()}, and the last good set stays in force; it is not retried until the file
 * changes again. A change that keeps both the modification time and the size (possible on file systems with coarse
 * timestamps) is not seen.
 *
 * <p>With a zero {@code pollInterval} no thread is started and only {@link #reloadIfChanged()} reloads.
 */
final class ReloadingRules implements RuleSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("jdbcguard.rules");
    /** Time between the two reads of a changed file: long enough for a writer's next chunk to show. */
    static final Duration SETTLE = Duration.ofMillis(50);

    private final Path file;
    private final Function<Path, String> reader;
    private final String defaultProfile;
    private final AtomicReference<RuleSet> current;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller;
    private volatile Stamp seen;
    private volatile RuleFileException lastError;

    private ReloadingRules(Path file, Function<Path, String> reader, String defaultProfile, RuleSet initial, Stamp stamp,
                           Duration pollInterval) {
        this.file = file;
        this.reader = reader;
        this.defaultProfile = defaultProfile;
        this.current = new AtomicReference<>(initial);
        this.seen = stamp;
        if (pollInterval.isZero()) {
            poller = null;
        } else {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "jdbc-guard-rules-reload");
                thread.setDaemon(true);
                return thread;
            });
            long millis = Math.max(1, pollInterval.toMillis());
            poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Loads {@code file} and starts watching it.
     *
     * @param defaultProfile what the file builds on when it has no {@code extends}
     * @param pollInterval   how often to look at the file; zero for manual {@link #reloadIfChanged()} only
     * @throws RuleFileException when the file cannot be loaded now: nothing starts on bad rules
     */
    static ReloadingRules start(Path file, String defaultProfile, Duration pollInterval) {
        return start(file, RuleFiles::read, defaultProfile, pollInterval);
    }

    /** @param reader reads the file's text ({@link RuleFiles#read}; a test's stand-in for a file being written) */
    static ReloadingRules start(Path file, Function<Path, String> reader, String defaultProfile, Duration pollInterval) {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("pollInterval must be >= 0: " + pollInterval);
        }
        Stamp stamp = Stamp.of(file);
        RuleSet initial = RuleFiles.load(file, defaultProfile);
        return new ReloadingRules(file, reader, defaultProfile, initial, stamp, pollInterval);
    }

    @Override
    public RuleSet current() {
        return current.get();
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Why the newest version of the file was rejected; empty once a good version is loaded. */
    Optional<RuleFileException> lastError() {
        return Optional.ofNullable(lastError);
    }

    /**
     * Looks at the file now and reloads it if its modification time or size changed.
     *
     * @return whether a new rule set was swapped in
     */
    synchronized boolean reloadIfChanged() {
        Stamp stamp;
        try {
            stamp = Stamp.of(file);
        } catch (RuleFileException e) {
            return reject(null, e);
        }
        if (stamp.equals(seen)) {
            return false;
        }
        RuleSet next;
        try {
            String text = reader.apply(file);
            settle();
            if (!text.equals(reader.apply(file)) || !stamp.equals(Stamp.of(file))) {
                return false; // still being written: the next look reads it again
            }
            if (RuleFiles.isEmpty(text)) {
                throw new RuleFileException(file.toString(), 0, 0, "the file is empty; a rule file in use is not"
                        + " emptied to mean the bare profile (write 'extends: <profile>' for that)");
            }
            next = RuleFiles.parse(text, file.toString(), defaultProfile);
        } catch (RuleFileException e) {
            return reject(stamp, e);
        }
        seen = stamp;
        lastError = null;
        RuleSet previous = current.getAndSet(next);
        LOG.info("Reloaded rules from {}", file);
        for (Listener listener : listeners) {
            listener.swapped(previous, next);
        }
        return true;
    }

    private static void settle() {
        try {
            Thread.sleep(SETTLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() stops the poller this way; the reads still compare
        }
    }

    private boolean reject(Stamp stamp, RuleFileException error) {
        boolean firstTime = lastError == null || !lastError.getMessage().equals(error.getMessage());
        seen = stamp;
        lastError = error;
        if (firstTime) {
            LOG.error("Rejected changed rule file, keeping the previous rules: {}", error.getMessage());
        }
        return false;
    }

    private void poll() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            // A listener or the loader failed unexpectedly; keep polling so later fixes are still picked up.
            LOG.error("Rule reload of {} failed", file, e);
        }
    }

    /** Stops the polling thread. The last loaded rule set stays readable. */
    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    /** What the poller compares: modification time and size. */
    private record Stamp(long modifiedMillis, long size) {

        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(attributes.lastModifiedTime().toMillis(), attributes.size());
            } catch (NoSuchFileException e) {
                throw new RuleFileException(file.toString(), 0, 0, "file not found", e);
            } catch (IOException e) {
                throw new RuleFileException(file.toString(), 0, 0, "cannot read: " + e, e);
            }
        }
    }
}
