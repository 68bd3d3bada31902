package dev.jdbcguard.it.flyway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The lines the guard logs on its {@code jdbcguard} loggers while open. */
final class GuardLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("jdbcguard");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    GuardLog() {
        appender.start();
        logger.addAppender(appender);
    }

    List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
