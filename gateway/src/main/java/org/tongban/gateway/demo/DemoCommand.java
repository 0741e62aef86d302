package org.tongban.gateway.demo;

import org.tongban.adapters.simulator.PlatformSimulator;
import org.tongban.gateway.office.auth.JwtIssuer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code tongban-gateway demo}: the whole federation on this machine. Eleven member cities on
 * three nodes (north, east, south) with mutual TLS between them, each city on a simulated
 * platform of one of the four dialects, and two real stories played through the office API
 * over HTTP. It prints what happens as it happens, then where to look, then one line
 * {@code demo ready: …}, and runs until interrupted (Ctrl-C stops it gracefully). While it runs,
 * a city joins by a file written into {@code <data-dir>/join/} ({@link CityJoiner}).
 */
public final class DemoCommand {
    /** The line the demo prints once both stories ended well; tests wait for it. */
    public static final String READY = "demo ready:";
    /** The line the demo prints when the stories did not end in time. */
    public static final String STALLED = "demo stalled:";
    /** The example join file, shipped with the build and copied into the data directory. */
    static final String JOIN_EXAMPLE = "org/tongban/gateway/demo/join-example.yaml";
    private static final Duration JOIN_POLL = Duration.ofSeconds(2);
    private static final Duration JOIN_SETTLE = Duration.ofMillis(500);

    private DemoCommand() {
    }

    /** Runs the demo; returns only on a failure to start (exit code), else blocks until the JVM stops. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        DemoOptions options = DemoOptions.parse(args, 1);
        Path dir = options.dataDir().toAbsolutePath().normalize();
        try {
            prepare(dir, options.keep());
        } catch (UncheckedIOException e) {
            err.println(e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        DemoLog.toFile(dir.resolve("demo.log"));
        List<DemoCity> cities = DemoCity.load();
        DemoConsole console = new DemoConsole(out, cities);
        console.line("Tongban demo: " + cities.size() + " member cities on " + cities.stream().map(DemoCity::node).distinct()
                .count() + " nodes, data in " + dir + (options.keep() ? " (kept)" : " (fresh)"));
        LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
        List<Story> stories = List.of(Story.xianAnTransportFirm(today), Story.harbinLogisticsFirm(today));

        DemoFederation federation;
        try {
            federation = DemoFederation.start(dir, options.basePort(), cities, (city, b) -> {
                for (Story s : stories) {
                    // each penalizing platform has published its penalty (行政处罚信息公示) in its feed
                    s.publishedAt(city.id()).forEach(b::penalty);
                    if (city.id().equals(s.asksMaterials())) {
                        b.policyFor(s.creditCode(), DemoPlatforms.WITH_MATERIALS);
                    }
                }
            }, console::event);
        } catch (RuntimeException e) {
            err.println("the demo could not start: " + e.getMessage() + " (details in " + dir.resolve("demo.log") + ")");
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<JoinWatcher> joins = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                out.println("demo stopping: nodes, platforms…");
                out.flush();
                JoinWatcher watcher = joins.get();
                if (watcher != null) {
                    watcher.close();
                }
                federation.stop(Duration.ofSeconds(5));
                out.println("demo stopped");
                out.flush();
            } finally {
                stopped.countDown();
            }
        }, "tongban-demo-shutdown"));

        JwtIssuer jwt = new JwtIssuer(federation.written().jwtSecret(), DemoFederation.FEDERATION_ID, Clock.systemUTC());
        StoryRunner runner = new StoryRunner(federation, console, new OfficeHttp(), jwt);
        StoryRunner.Outcome outcome;
        try {
            List<StoryRunner.Filed> filed = stories.stream().map(s -> runner.file(s, today)).toList();
            outcome = runner.follow(filed, options.timeout());
        } catch (RuntimeException e) {
            console.line(STALLED + " " + e.getMessage() + " (details in " + dir.resolve("demo.log") + "); Ctrl-C stops");
            await(stopped);
            return 1;
        }
        directions(console, federation, runner, outcome, dir);
        if (outcome.complete()) {
            console.line(String.format("%s %d stories, %d legs PUBLICITY_ENDED on both sides, cases %s, in %.1f s; Ctrl-C stops",
                    READY, outcome.filed().size(), outcome.legs(), outcome.filed().stream().map(StoryRunner.Filed::caseId)
                            .toList(), console.elapsedSeconds()));
        } else {
            console.line(STALLED + " " + String.join("; ", outcome.problems()) + "; Ctrl-C stops");
        }
        CityJoiner joiner = new CityJoiner(federation, console, runner, options.timeout(), stories.size() + 1);
        joins.set(new JoinWatcher(dir.resolve("join"), JOIN_POLL, JOIN_SETTLE, Clock.systemUTC(), joiner::accept,
                console::line).start());
        await(stopped);
        return 0;
    }

    private static void directions(DemoConsole console, DemoFederation f, StoryRunner runner, StoryRunner.Outcome outcome,
                                   Path dir) {
        console.line("");
        console.line("Where to look:");
        for (String node : f.nodeIds()) {
            console.line(String.format("  node %-5s office %s/office/v1   ops %s (/metrics /health /ready)   %s", node,
                    f.officeUrl(node), f.opsUrl(node), String.join(" ", f.cityNames(node))));
        }
        String first = f.nodeIds().get(0);
        console.line("  OpenAPI      " + f.officeUrl(first) + "/office/v1/openapi.json");
        console.line("  metrics      " + f.opsUrl(first) + "/metrics   health " + f.opsUrl(first) + "/health");
        console.line("  platforms (simulated; admin API lists applications, events, policy, faults):");
        for (DemoCity c : f.cities()) {
            PlatformSimulator p = f.platform(c.id());
            console.line(String.format("    %-6s %s %-12s %s/admin/applications", c.id(), c.nameZh(), p.dialect().id(),
                    p.baseUrl()));
        }
        for (StoryRunner.Filed filed : outcome.filed()) {
            Story s = filed.story();
            String token = runner.token(s.homeMember(), s.clerk(), Duration.ofHours(8));
            console.line("  case " + filed.caseId() + "  story " + s.number() + " filed at " + console.name(s.homeMember())
                    + ": " + f.officeUrl(f.city(s.homeMember()).node()) + "/office/v1/cases/" + filed.caseId());
            console.line("    clerk token (" + console.name(s.homeMember()) + " " + s.homeMember() + ", 8 h): " + token);
        }
        StoryRunner.Filed one = outcome.filed().get(0);
        console.line("  try: curl -H \"Authorization: Bearer <clerk token>\" " + f.officeUrl(f.city(one.story().homeMember()).node())
                + "/office/v1/cases/" + one.caseId());
        console.line("  more tokens: tongban-gateway token --config " + dir.resolve(f.city(one.story().homeMember()).node() + ".yaml")
                + " --member <division code> --role clerk");
        console.line("  add a city: write a file into " + dir.resolve("join") + "/, e.g. cp " + dir.resolve("join-example.yaml")
                + " " + dir.resolve("join").resolve("quzhou.yaml") + "   (README: \"A city joins the running demo\")");
        console.line("  logs         " + dir.resolve("demo.log"));
        console.line("");
    }

    /** A fresh data directory, unless kept; never deletes a directory the demo did not make. */
    private static void prepare(Path dir, boolean keep) {
        try {
            if (Files.exists(dir) && !keep) {
                boolean empty;
                try (Stream<Path> s = Files.list(dir)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty && !Files.exists(dir.resolve("directory.json"))) {
                    throw new IllegalArgumentException(dir + " is not empty and was not made by the demo; choose another "
                            + "--data-dir");
                }
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir.resolve("join"));
            try (var example = DemoCommand.class.getClassLoader().getResourceAsStream(JOIN_EXAMPLE)) {
                if (example == null) {
                    throw new IllegalStateException("the build lost " + JOIN_EXAMPLE);
                }
                Files.write(dir.resolve("join-example.yaml"), example.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    private static void await(CountDownLatch stopped) {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
