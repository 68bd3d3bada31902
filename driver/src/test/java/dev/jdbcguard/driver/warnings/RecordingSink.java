package dev.jdbcguard.driver.warnings;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A sink that records what the checks report and, for the stages it is told to, blocks as a connection's sink does. */
public final class RecordingSink implements FindingSink {

    /** One report. */
    public record Report(Detection finding, Stage stage) {
        public String ruleId() {
            return finding.ruleId();
        }
    }

    private final LinkedBlockingQueue<Report> reports = new LinkedBlockingQueue<>();
    private final Set<Stage> blocking;

    private RecordingSink(Set<Stage> blocking) {
        this.blocking = blocking;
    }

    public static RecordingSink warning() {
        return new RecordingSink(Set.of());
    }

    /** Blocks findings made before or after execution (not background ones, where nobody could catch it). */
    public static RecordingSink blocking() {
        return new RecordingSink(Set.of(Stage.BEFORE, Stage.AFTER));
    }

    @Override
    public void report(Detection finding, Stage stage) throws SQLException {
        reports.add(new Report(finding, stage));
        if (blocking.contains(stage)) {
            throw new GuardViolationException(finding);
        }
    }

    public List<Report> reports() {
        return new ArrayList<>(reports);
    }

    /** Waits up to five seconds for the next report (background findings), or returns null. */
    public Report next() throws InterruptedException {
        return next(Duration.ofSeconds(5));
    }

    public Report next(Duration wait) throws InterruptedException {
        return reports.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }
}
