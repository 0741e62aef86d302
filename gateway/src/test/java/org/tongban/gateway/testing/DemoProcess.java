package org.tongban.gateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's {@code demo} command as a separate JVM on this machine's class path, its console
 * in a log file. {@link #stop()} sends SIGTERM, as Ctrl-C would end it.
 */
public final class DemoProcess implements AutoCloseable {
    private final Path dataDir;
    private final Path log;
    private Process process;

    public DemoProcess(Path dataDir, Path log) {
        this.dataDir = dataDir;
        this.log = log;
    }

    /** Starts the demo and waits for the line starting with {@code marker} (or a failure). */
    public DemoProcess start(String marker, Duration timeout, String... extraArgs) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8",
                "-cp", NodeProcess.classPath(), "org.tongban.gateway.Main", "demo", "--data-dir", dataDir.toString()));
        cmd.addAll(List.of(extraArgs));
        try {
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the demo", e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String out = output();
            if (out.lines().anyMatch(l -> l.startsWith(marker))) {
                return this;
            }
            if (out.lines().anyMatch(l -> l.startsWith("demo stalled:"))) {
                throw new IllegalStateException("the demo stalled:\n" + out);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the demo exited with " + process.exitValue() + ":\n" + out);
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no line '" + marker + "' after " + timeout + ":\n" + output());
    }

    /** SIGTERM, then waits for the JVM to end; returns its exit code, or -1 when it had to be killed. */
    public int stop(Duration timeout) {
        if (process == null) {
            return -1;
        }
        process.destroy();
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return -1;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
