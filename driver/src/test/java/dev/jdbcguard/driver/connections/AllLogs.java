package dev.jdbcguard.driver.connections;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Everything logged by anyone (root logger) during a test, rendered with stack traces, to search for secrets. */
public final class AllLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public AllLogs() {
        appender.start();
        root.addAppender(appender);
    }

    /** Each event as logger name, message and the full rendered throwable chain. */
    public List<String> rendered() {
        // ListAppender appends under its own monitor (AppenderBase.doAppend is synchronized), not the list's.
        synchronized (appender) {
            return appender.list.stream()
                    .map(e -> e.getLoggerName() + " " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                    .toList();
        }
    }

    /** Rendered events of loggers whose name starts with {@code prefix}. */
    public List<String> from(String prefix) {
        return rendered().stream().filter(line -> line.startsWith(prefix)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
