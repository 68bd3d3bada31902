package dev.jdbcguard.driver.connections;

import dev.jdbcguard.driver.warnings.AppFrames;
import dev.jdbcguard.driver.warnings.Finding;
import dev.jdbcguard.driver.warnings.WarningReporter;
import java.sql.SQLWarning;
import org.slf4j.LoggerFactory;

/**
 * {@link ConnectionFindingSink} on top of the {@link WarningReporter}. A {@code conn.leak} finding is reported
 * on the scheduler thread, whose stack says nothing, so its text names the first application frame
 * of the opening stack, and the whole opening stack follows on the same logger
 * ({@code jdbcguard.conn.leak}) when that logger is enabled for WARN.
 */
public final class ReporterSink implements ConnectionFindingSink {

    private final WarningReporter reporter;
    private final AppFrames frames;

    public ReporterSink(WarningReporter reporter, AppFrames frames) {
        this.reporter = reporter;
        this.frames = frames;
    }

    @Override
    public SQLWarning warn(Finding finding, Throwable openedAt) {
        if (openedAt == null) {
            return reporter.warn(finding);
        }
        String frame = frames.locate(openedAt.getStackTrace());
        SQLWarning warning = reporter.warn(frame == null ? finding : finding.describing(finding.what() + ", opened at " + frame));
        LoggerFactory.getLogger(WarningReporter.LOGGER_PREFIX + finding.ruleId())
                .warn("[jdbc-guard] {}: the connection reported above was opened here", finding.ruleId(), openedAt);
        return warning;
    }


    @Override
    public String block(Finding finding) {
        return reporter.block(finding).getMessage();
    }
}
