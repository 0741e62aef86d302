package org.tongban.gateway.demo;

import org.tongban.adapters.simulator.PlatformSimulator;
import org.tongban.adapters.simulator.SimulatorOptions;
import org.tongban.adapters.spi.AdapterConfigException;
import org.tongban.gateway.devfed.DevFederation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Brings a city into the running demo from its join file, doing what the federation operator and
 * the hosting node's operator would do by hand (adapters/README, "Adding a city by
 * configuration"): a simulated platform for the city, its signing key, the directory with the
 * member added and re-signed by the anchor, every node taking that directory at once, the
 * member's block in the hosting node's configuration, and that node alone restarted from it.
 * Then a short story shows the city at work. Runs on the join watcher's thread.
 */
final class CityJoiner {
    /** The line that says a city joined; tests wait for it. */
    static final String JOINED = "city joined:";
    static final String REFUSED = "join refused:";
    static final String FAILED = "join failed:";
    static final String STORY = "join story:";
    static final String STORY_STALLED = "join story stalled:";
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** Homes of the firm in the join story, the first one on another node than the new city. */
    private static final List<String> HOMES = List.of("421200", "230100");

    private final DemoFederation federation;
    private final DemoConsole console;
    private final StoryRunner runner;
    private final Duration storyTimeout;
    private int nextStory;

    CityJoiner(DemoFederation federation, DemoConsole console, StoryRunner runner, Duration storyTimeout, int firstStory) {
        this.federation = federation;
        this.console = console;
        this.runner = runner;
        this.storyTimeout = storyTimeout;
        this.nextStory = firstStory;
    }

    /** Takes a join file from the watcher: refused with one line, or joined. */
    void accept(Path file, byte[] bytes) {
        JoinRequest request;
        try {
            request = JoinFileReader.read(file, bytes, federation.nodeIds(), federation.cities());
        } catch (JoinFileReader.Refused e) {
            refuse(file, e.getMessage());
            return;
        }
        join(request);
    }

    private void join(JoinRequest r) {
        DemoCity city = r.city();
        DemoCity home = home(city);
        Story story = Story.joinedCity(nextStory++, city, home, LocalDate.now(ZoneOffset.ofHours(8)));
        SimulatorOptions.Builder options = DemoPlatforms.simulator(city.id(), new DemoPlatforms.Platform(r.platform(), null));
        story.publishedAt(city.id()).forEach(options::penalty);
        PlatformSimulator platform = federation.startPlatform(city.id(), options);
        DemoPlatforms.Adapter adapter = federation.adapter(city.id(), r.mapping());
        try {
            AdapterCheck.check(federation.vertx(), DemoFederation.memberPlan(city, adapter), federation.dir());
        } catch (AdapterConfigException e) {
            federation.dropPlatform(city.id());
            refuse(r.file(), "its node would not start with it: " + e.getMessage());
            return;
        }
        console.register(city);
        progress(r, "platform " + platform.dialect().id() + " simulated at " + platform.baseUrl() + " (admin "
                + platform.adminUrl() + ")");

        DevFederation.Added added;
        try {
            added = federation.admit(city, adapter);
        } catch (RuntimeException e) {
            federation.dropPlatform(city.id());
            throw e;
        }
        progress(r, "signing key " + relative(added.key()) + " (Ed25519), member block added to "
                + relative(added.nodeConfig()));
        List<String> taking = federation.refreshDirectories(added.serial());
        List<String> behind = federation.nodeIds().stream().filter(n -> !taking.contains(n)).toList();
        progress(r, "directory serial " + added.serial() + " signed, taken by " + String.join(" ", taking)
                + (behind.isEmpty() ? "" : "; not yet by " + String.join(" ", behind) + " (they re-read it every 10 s)"));

        try {
            federation.restart(city.node(), GRACE);
        } catch (RuntimeException e) {
            undo(r, city, e);
            return;
        }
        String office = federation.officeUrl(city.node());
        progress(r, "node " + city.node() + " restarted hosting " + String.join(" ", federation.cityNames(city.node()))
                + " (office " + office + ", ops " + federation.opsUrl(city.node()) + ")");
        console.line(JOINED + " " + r.label() + " on node " + city.node() + " (SLA " + city.slaProfile() + "), office "
                + office + "/office/v1, platform " + platform.dialect().id() + " " + platform.baseUrl());
        play(story, city, home, office);
    }

    /** The join story: one case, filed at home, followed until the leg ended on both sides. */
    private void play(Story story, DemoCity city, DemoCity home, String office) {
        try {
            StoryRunner.Filed filed = runner.file(story, LocalDate.now(ZoneOffset.ofHours(8)));
            StoryRunner.Outcome outcome = runner.follow(List.of(filed), storyTimeout);
            if (outcome.complete()) {
                console.line(STORY + " case " + filed.caseId() + " " + home.nameZh() + " → " + city.nameZh()
                        + " PUBLICITY_ENDED on both sides");
            } else {
                console.line(STORY_STALLED + " " + String.join("; ", outcome.problems()));
            }
            console.line("  try: curl -H \"Authorization: Bearer " + runner.token(city.id(), "demo", Duration.ofHours(8))
                    + "\" " + office + "/office/v1/cases/" + filed.caseId() + "   (the case as " + city.nameZh() + " sees it)");
        } catch (RuntimeException e) {
            console.line(STORY_STALLED + " " + e.getMessage());
        }
    }

    /** The hosting node would not start with the member: take it out again and bring the node back as it was. */
    private void undo(JoinRequest r, DemoCity city, RuntimeException cause) {
        console.line(FAILED + " " + r.file().getFileName() + ": node " + city.node() + " did not start with " + r.label() + ": "
                + cause.getMessage() + "; withdrawing it");
        long serial = federation.withdraw(city);
        federation.refreshDirectories(serial);
        federation.restart(city.node(), GRACE);
        federation.dropPlatform(city.id());
        progress(r, "withdrawn: directory serial " + serial + " without it, node " + city.node()
                + " back on its previous configuration");
    }

    private DemoCity home(DemoCity joined) {
        return HOMES.stream().map(federation::city).filter(c -> !c.node().equals(joined.node())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no home city on another node than " + joined.node()));
    }

    private void refuse(Path file, String problem) {
        console.line(REFUSED + " " + file.getFileName() + ": " + problem
                + " (nothing changed; the file is read again when it changes)");
    }

    private void progress(JoinRequest r, String text) {
        console.stamped("join " + r.label() + ": " + text);
    }

    private String relative(Path p) {
        return federation.dir().relativize(p).toString();
    }
}
