package org.tongban.gateway.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Sends the nodes' and platforms' logs to a file in the data directory, so that the console
 * shows the story and the log file everything behind it.
 */
final class DemoLog {
    private DemoLog() {
    }

    /** Logs at INFO to {@code file}; returns false when the logging backend is not Logback (then nothing changes). */
    static boolean toFile(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext)) {
            return false;
        }
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} %kvp - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(ctx);
        appender.setName("demo-file");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        ctx.getLogger("io.netty").setLevel(Level.WARN);
        ctx.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        return true;
    }
}
