package org.tongban.gateway.demo;

import org.tongban.contracts.crypto.Digests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches the demo's {@code join/} directory from a thread of its own (file reads never touch
 * the event loop): every {@code *.yaml} or {@code *.yml} there is handed over once, when it is new
 * or its content changed, after it has been left alone for a moment (so a file still being
 * written is not read half-way). A file handed over is not handed over again until it changes.
 */
final class JoinWatcher implements AutoCloseable {
    private final Path dir;
    private final Duration every;
    private final Duration settle;
    private final Clock clock;
    private final BiConsumer<Path, byte[]> handler;
    private final Consumer<String> problems;
    private final Map<Path, String> handed = new HashMap<>();
    private volatile boolean running;
    private Thread thread;
    private final Set<String> reported = new HashSet<>();

    /**
     * @param settle   how long a file must be left unchanged before it is read
     * @param handler  takes a join file's path and content
     * @param problems takes a line when the directory cannot be read or the handler failed
     */
    JoinWatcher(Path dir, Duration every, Duration settle, Clock clock, BiConsumer<Path, byte[]> handler,
                Consumer<String> problems) {
        this.dir = dir;
        this.every = every;
        this.settle = settle;
        this.clock = clock;
        this.handler = handler;
        this.problems = problems;
    }

    /** Starts polling every {@code every} on a daemon thread. */
    JoinWatcher start() {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                poll();
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "tongban-demo-join");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** One look at the directory: hands over each join file that is new or changed, in name order. */
    void poll() {
        Set<String> seen = new HashSet<>();
        try {
            pollFiles(seen);
        } finally {
            reported.retainAll(seen);
        }
    }

    private void pollFiles(Set<String> seen) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(JoinWatcher::isJoinFile).sorted().toList();
        } catch (IOException e) {
            report("join: cannot read " + dir + ": " + e.getMessage(), seen);
            return;
        }
        handed.keySet().retainAll(files);
        for (Path file : files) {
            if (!running && thread != null) {
                return;
            }
            try {
                if (Files.getLastModifiedTime(file).toInstant().plus(settle).isAfter(clock.instant())) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                String digest = Digests.sha256Hex(bytes);
                if (digest.equals(handed.put(file, digest))) {
                    continue;
                }
                handler.accept(file, bytes);
            } catch (IOException e) {
                report("join: cannot read " + file + ": " + e.getMessage(), seen);
            } catch (RuntimeException e) {
                report("join failed: " + file.getFileName() + ": " + e.getMessage(), seen);
            }
        }
    }

    private static boolean isJoinFile(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(p);
    }

    /** Says a problem once while it lasts, not at every poll. */
    private void report(String line, Set<String> seen) {
        seen.add(line);
        if (reported.add(line)) {
            problems.accept(line);
        }
    }

    /** Stops polling; a join under way is interrupted, what it changed on disk so far stays. */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
