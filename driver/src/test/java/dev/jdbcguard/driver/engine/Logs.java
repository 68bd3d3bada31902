package dev.jdbcguard.driver.engine;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event of the JVM (root logger) for one test, with the text of attached throwables. */
final class Logs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    Logs() {
        appender.start();
        root.addAppender(appender);
    }

    /** Formatted messages of the events logged by {@code logger} (exact name). */
    List<String> lines(String logger) {
        synchronized (appender.list) {
            return appender.list.stream().filter(e -> e.getLoggerName().equals(logger))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Everything logged: message, logger name and the messages and frames of any throwable. */
    List<String> everything() {
        List<String> all = new ArrayList<>();
        synchronized (appender.list) {
            for (ILoggingEvent event : appender.list) {
                all.add(event.getLoggerName() + " " + event.getFormattedMessage());
                for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                    all.add(t.getClassName() + ": " + t.getMessage());
                }
            }
        }
        return all;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
