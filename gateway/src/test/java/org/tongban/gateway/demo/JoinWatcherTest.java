package org.tongban.gateway.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The join directory's watcher: each join file once per content, after it has settled. */
class JoinWatcherTest {
    @TempDir
    Path dir;

    final List<String> handed = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    final Instant now = Instant.parse("2026-11-21T08:00:00Z");

    JoinWatcher watcher(Duration settle) {
        return new JoinWatcher(dir, Duration.ofSeconds(2), settle, Clock.fixed(now, ZoneOffset.UTC),
                (file, bytes) -> handed.add(file.getFileName() + "=" + new String(bytes, StandardCharsets.UTF_8)),
                problems::add);
    }

    Path write(String name, String content, Instant modified) throws IOException {
        return write(dir, name, content, modified);
    }

    static Path write(Path in, String name, String content, Instant modified) throws IOException {
        Path f = in.resolve(name);
        Files.writeString(f, content);
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    @Test
    void hands_over_a_join_file_once_and_again_only_when_it_changes() throws IOException {
        JoinWatcher w = watcher(Duration.ofMillis(500));
        write("quzhou.yaml", "id: a", now.minusSeconds(5));

        w.poll();
        w.poll();
        assertThat(handed).containsExactly("quzhou.yaml=id: a");

        write("quzhou.yaml", "id: b", now.minusSeconds(3));
        w.poll();
        w.poll();
        assertThat(handed).containsExactly("quzhou.yaml=id: a", "quzhou.yaml=id: b");
    }

    @Test
    void waits_until_a_file_has_settled() throws IOException {
        JoinWatcher w = watcher(Duration.ofSeconds(1));
        Path f = write("lishui.yml", "id: c", now.minusMillis(200));

        w.poll();
        assertThat(handed).isEmpty();

        Files.setLastModifiedTime(f, FileTime.from(now.minusSeconds(2)));
        w.poll();
        assertThat(handed).containsExactly("lishui.yml=id: c");
    }

    @Test
    void reads_yaml_files_in_name_order_and_passes_over_others() throws IOException {
        JoinWatcher w = watcher(Duration.ZERO);
        write("b.yaml", "b", now.minusSeconds(5));
        write("a.yml", "a", now.minusSeconds(5));
        write(".hidden.yaml", "h", now.minusSeconds(5));
        write("notes.txt", "n", now.minusSeconds(5));
        Files.createDirectories(dir.resolve("sub.yaml"));

        w.poll();
        assertThat(handed).containsExactly("a.yml=a", "b.yaml=b");
    }

    @Test
    void a_file_removed_and_written_again_is_handed_over_again() throws IOException {
        JoinWatcher w = watcher(Duration.ZERO);
        Path f = write("quzhou.yaml", "same", now.minusSeconds(5));
        w.poll();
        Files.delete(f);
        w.poll();
        write("quzhou.yaml", "same", now.minusSeconds(1));
        w.poll();

        assertThat(handed).containsExactly("quzhou.yaml=same", "quzhou.yaml=same");
    }

    @Test
    void a_failing_join_is_said_once_and_not_retried_with_the_same_content() throws IOException {
        List<String> lines = new ArrayList<>();
        JoinWatcher w = new JoinWatcher(dir, Duration.ofSeconds(2), Duration.ZERO, Clock.fixed(now, ZoneOffset.UTC),
                (file, bytes) -> {
                    lines.add("tried");
                    throw new IllegalStateException("platform did not start");
                }, lines::add);
        write("quzhou.yaml", "x", now.minusSeconds(5));

        w.poll();
        w.poll();

        assertThat(lines).containsExactly("tried", "join failed: quzhou.yaml: platform did not start");
    }

    @Test
    void a_missing_directory_is_said_once_while_it_lasts() throws IOException {
        Path gone = dir.resolve("join");
        JoinWatcher w = new JoinWatcher(gone, Duration.ofSeconds(2), Duration.ZERO, Clock.fixed(now, ZoneOffset.UTC),
                (file, bytes) -> handed.add(file.getFileName().toString()), problems::add);

        w.poll();
        w.poll();
        assertThat(problems).hasSize(1).allMatch(l -> l.startsWith("join: cannot read " + gone));

        Files.createDirectories(gone);
        write(gone, "a.yaml", "a", now.minusSeconds(5));
        w.poll();
        assertThat(handed).containsExactly("a.yaml");
    }

    @Test
    void polls_on_its_own_thread_until_closed() throws Exception {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        write("quzhou.yaml", "x", Instant.now().minusSeconds(5));
        try (JoinWatcher w = new JoinWatcher(dir, Duration.ofMillis(50), Duration.ZERO, Clock.systemUTC(),
                (file, bytes) -> threads.add(Thread.currentThread().getName()), problems::add).start()) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !threads.isEmpty());
        }
        assertThat(threads).containsExactly("tongban-demo-join");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("tongban-demo-join"));
    }
}
