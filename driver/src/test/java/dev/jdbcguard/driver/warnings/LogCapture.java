package dev.jdbcguard.driver.warnings;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures what the guard's loggers write, and sets their levels, for one test. */
final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger("jdbcguard");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> leveled = new ArrayList<>();

    LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    /** Sets the level of {@code jdbcguard.<ruleId>} until {@link #close()}. */
    LogCapture level(String ruleId, Level level) {
        Logger logger = (Logger) LoggerFactory.getLogger(WarningReporter.LOGGER_PREFIX + ruleId);
        logger.setLevel(level);
        leveled.add(logger);
        return this;
    }

    List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        leveled.forEach(logger -> logger.setLevel(null));
    }
}
