package org.tongban.gateway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gateway node running as a separate JVM on this machine's class path, with its output in a
 * log file. {@link #kill()} is SIGKILL; {@link #stop()} is SIGTERM (graceful shutdown).
 */
public final class NodeProcess implements AutoCloseable {
    private final String nodeId;
    private final Path config;
    private final Path log;
    private final List<String> jvmArgs;
    private final java.util.Map<String, String> env = new java.util.HashMap<>();
    private final String logName;
    private Process process;
    private int starts;

    public NodeProcess(String nodeId, Path config, Path logDir, List<String> jvmArgs) {
        this(nodeId, nodeId, config, logDir, jvmArgs);
    }

    /** A process of node {@code nodeId} logging to {@code <logName>.log} (several processes may run one node). */
    public NodeProcess(String nodeId, String logName, Path config, Path logDir, List<String> jvmArgs) {
        this.nodeId = nodeId;
        this.logName = logName;
        this.config = config.toAbsolutePath();
        this.log = logDir.resolve(logName + ".log");
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    /** Sets an environment variable for the next start, e.g. a TONGBAN_* configuration override. */
    public NodeProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts the JVM and waits until it prints its ready line. */
    public NodeProcess start(Duration timeout) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add("org.tongban.gateway.Main");
        cmd.add("run");
        cmd.add("--config");
        cmd.add(config.toString());
        starts++;
        try {
            Files.writeString(log, "---- start " + starts + " ----\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            process = pb.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .directory(config.getParent().toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node " + nodeId, e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String marker = "node " + nodeId + " ready";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + nodeId + " exited with " + process.exitValue() + ":\n" + tail());
            }
            // ready in this start's part of the log: the node prints its ready line twice (log and
            // console), so counting lines over the whole log would take a restart for ready at once
            String text = logText();
            int since = text.lastIndexOf("---- start " + starts + " ----");
            if (since >= 0 && text.indexOf(marker + ":", since) >= 0) {
                return this;
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("node " + nodeId + " not ready after " + timeout + ":\n" + tail());
    }

    /**
     * The class path of this JVM's code: {@code java.class.path}, unless the code was loaded by a
     * URL class loader of its own (as under {@code mvn exec:java}), whose URLs are used then.
     */
    static String classPath() {
        ClassLoader loader = NodeProcess.class.getClassLoader();
        if (loader instanceof java.net.URLClassLoader && loader != ClassLoader.getSystemClassLoader()) {
            StringBuilder sb = new StringBuilder();
            for (java.net.URL url : ((java.net.URLClassLoader) loader).getURLs()) {
                try {
                    sb.append(sb.length() == 0 ? "" : java.io.File.pathSeparator).append(Path.of(url.toURI()));
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            return sb.toString();
        }
        return System.getProperty("java.class.path");
    }

    /** SIGKILL: the process dies at once, mid-work. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitExit();
        }
    }

    /** SIGTERM: graceful shutdown. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** The operating system's id of the running JVM. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("node " + nodeId + " was not started");
        }
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    private void waitExit() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String nodeId() {
        return nodeId;
    }

    public Path log() {
        return log;
    }

    public String tail() {
        String t = logText();
        return t.length() <= 6000 ? t : t.substring(t.length() - 6000);
    }

    private String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        stop();
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
