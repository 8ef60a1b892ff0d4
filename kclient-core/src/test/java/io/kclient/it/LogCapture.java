package io.kclient.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Everything logged while it is open, KClient's and Kafka's clients' alike (Kafka's raised to
 * INFO, where they print their configurations), as text with stack traces: to show what a log
 * never contains.
 */
public final class LogCapture implements AutoCloseable {

    private static final List<String> LOUDER = List.of("org.apache.kafka.clients", "org.apache.kafka.common", "io.kclient");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<Logger, Level> levels = new LinkedHashMap<>();

    public LogCapture() {
        for (String name : LOUDER) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.INFO);
        }
        appender.start();
        root().addAppender(appender);
    }

    /** Each event so far: its level, logger, message and stack trace. */
    public List<String> events() {
        return appender.list.stream().map(event -> event.getLevel() + " " + event.getLoggerName() + " "
                + event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()))).toList();
    }

    @Override
    public void close() {
        root().detachAppender(appender);
        levels.forEach(Logger::setLevel);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
