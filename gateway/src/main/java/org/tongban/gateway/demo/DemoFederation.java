package org.tongban.gateway.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.tongban.adapters.simulator.PlatformSimulator;
import org.tongban.adapters.simulator.SimulatorOptions;
import org.tongban.gateway.config.ConfigLoader;
import org.tongban.gateway.config.NodeConfig;
import org.tongban.gateway.devfed.DevFederation;
import org.tongban.gateway.devfed.FederationPlan;
import org.tongban.gateway.node.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The demo federation in this JVM: one simulated platform per city, and the nodes north, east
 * and south, each a real {@link Node} with its embedded store, talking to each other over
 * mutual TLS on loopback, set up by {@link DevFederation} in the data directory. Every port is
 * chosen once, at the first start, and written into the nodes' configuration, so that a node
 * restarted to host a city that joins comes back at the same addresses.
 */
final class DemoFederation {
    static final String FEDERATION_ID = "tongban-demo";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Vertx vertx;
    private final Path dir;
    private final List<DemoCity> cities;
    private final Map<String, PlatformSimulator> platforms = new ConcurrentHashMap<>();
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final Set<Integer> chosenPorts = new HashSet<>();
    private DevFederation devFederation;
    private DevFederation.Written written;

    private DemoFederation(Vertx vertx, Path dir, List<DemoCity> cities) {
        this.vertx = vertx;
        this.dir = dir;
        this.cities = new CopyOnWriteArrayList<>(cities);
    }

    /**
     * Starts the platforms, writes the federation into {@code dir} and starts its nodes.
     *
     * @param customize a chance to give one platform a policy of its own before it starts
     */
    static DemoFederation start(Path dir, int basePort, List<DemoCity> cities,
                                java.util.function.BiConsumer<DemoCity, SimulatorOptions.Builder> customize,
                                Consumer<String> progress) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(false));
        DemoFederation f = new DemoFederation(vertx, dir, cities);
        try {
            for (DemoCity c : cities) {
                SimulatorOptions.Builder b = DemoPlatforms.simulator(c);
                customize.accept(c, b);
                f.startPlatform(c.id(), b);
            }
            progress.accept(cities.size() + " city platforms simulated (rest-oauth2, xml-hmac, polling, form-json)");
            f.devFederation = new DevFederation(dir, f.plan(basePort), Clock.systemUTC());
            f.written = f.devFederation.write();
            for (String node : f.nodeIds()) {
                f.startNode(node);
                progress.accept("node " + node + " up, hosting " + String.join(" ", f.cityNames(node)));
            }
            return f;
        } catch (RuntimeException e) {
            f.stop(Duration.ofSeconds(5));
            throw e;
        }
    }

    private FederationPlan plan(int basePort) {
        List<FederationPlan.NodePlan> out = new ArrayList<>();
        List<String> ids = nodeIds();
        if (basePort != 0) {
            synchronized (this) {
                for (int i = 0; i < ids.size(); i++) {
                    chosenPorts.addAll(List.of(basePort + i, basePort + 10 + i, basePort + 20 + i));
                }
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            String node = ids.get(i);
            List<FederationPlan.MemberPlan> members = new ArrayList<>();
            for (DemoCity c : cities) {
                if (c.node().equals(node)) {
                    members.add(memberPlan(c, adapter(c.id(), null)));
                }
            }
            int federation = basePort == 0 ? freePort() : basePort + i;
            int office = basePort == 0 ? freePort() : basePort + 10 + i;
            int ops = basePort == 0 ? freePort() : basePort + 20 + i;
            out.add(new FederationPlan.NodePlan(node, "127.0.0.1", federation, office, ops, members, null));
        }
        return new FederationPlan(FEDERATION_ID, false, out);
    }

    static FederationPlan.MemberPlan memberPlan(DemoCity c, DemoPlatforms.Adapter a) {
        return new FederationPlan.MemberPlan(c.id(), c.nameZh(), c.slaProfile(), a.type(), a.settings(), a.secrets());
    }

    /** Starts the simulated platform of a member. */
    PlatformSimulator startPlatform(String member, SimulatorOptions.Builder options) {
        PlatformSimulator p = await(PlatformSimulator.start(vertx, options.build()));
        platforms.put(member, p);
        return p;
    }

    /** Stops the simulated platform of a member that did not join after all. */
    void dropPlatform(String member) {
        PlatformSimulator p = platforms.remove(member);
        if (p != null) {
            await(p.stop());
        }
    }

    /** The adapter settings that reach a member's running platform. */
    DemoPlatforms.Adapter adapter(String member, String mapping) {
        return DemoPlatforms.adapter(platforms.get(member), mapping, this::freePort);
    }

    /** Adds a member to the directory (re-signed) and to its node's configuration; blocking. */
    DevFederation.Added admit(DemoCity city, DemoPlatforms.Adapter adapter) {
        DevFederation.Added added = devFederation.addMember(city.node(), memberPlan(city, adapter));
        cities.add(city);
        return added;
    }

    /** Takes back an admitted member (directory re-signed without it, its block removed); returns the new serial. */
    long withdraw(DemoCity city) {
        long serial = devFederation.withdrawMember(city.id());
        cities.remove(city);
        return serial;
    }

    /**
     * Makes every node re-read the directory file now rather than at its next period; blocking
     * (call from a worker or the demo's own threads). Returns the nodes that hold {@code serial}.
     */
    List<String> refreshDirectories(long serial) {
        List<String> holding = new ArrayList<>();
        for (String id : nodeIds()) {
            Node n = nodes.get(id);
            if (n != null) {
                n.directory().refresh();
                if (n.directory().directory().serial() == serial) {
                    holding.add(id);
                }
            }
        }
        return holding;
    }

    /** Stops a node gracefully and starts it again from its configuration file: same ports, same store. */
    Node restart(String node, Duration grace) {
        Node old = nodes.remove(node);
        if (old != null) {
            try {
                old.stop(grace).await(grace.toMillis() * 2 + 5_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // what did not stop in time is abandoned: everything acknowledged is stored
            }
        }
        return startNode(node);
    }

    private Node startNode(String node) {
        NodeConfig config = ConfigLoader.load(written.nodeConfigs().get(node), Map.of());
        Node n = await(Node.start(vertx, config, Clock.systemUTC()));
        nodes.put(node, n);
        return n;
    }

    /** The nodes in the order the cities file first names them (north, east, south). */
    List<String> nodeIds() {
        return cities.stream().map(DemoCity::node).distinct().toList();
    }

    List<String> cityNames(String node) {
        return cities.stream().filter(c -> c.node().equals(node)).map(DemoCity::nameZh).toList();
    }

    Node node(String id) {
        return nodes.get(id);
    }

    /** The node hosting a member. */
    Node nodeOf(String member) {
        return nodes.get(city(member).node());
    }

    DemoCity city(String member) {
        return cities.stream().filter(c -> c.id().equals(member)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo city " + member));
    }

    /** The member cities: those of {@code members.csv}, then those that joined. */
    List<DemoCity> cities() {
        return List.copyOf(cities);
    }

    PlatformSimulator platform(String member) {
        return platforms.get(member);
    }

    DevFederation.Written written() {
        return written;
    }

    Vertx vertx() {
        return vertx;
    }

    Path dir() {
        return dir;
    }

    String officeUrl(String node) {
        return "http://127.0.0.1:" + nodes.get(node).officePort();
    }

    String opsUrl(String node) {
        return "http://127.0.0.1:" + nodes.get(node).opsPort();
    }

    /** Stops the nodes gracefully, then the platforms, then Vert.x; waits at most about twice {@code grace}. */
    void stop(Duration grace) {
        List<Future<Void>> stopping = new ArrayList<>();
        nodes.values().forEach(n -> stopping.add(n.stop(grace)));
        try {
            Future.join(stopping).await(grace.toMillis() * 2 + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // what did not stop in time is abandoned: everything acknowledged is stored
        }
        List<Future<Void>> closing = new ArrayList<>();
        platforms.values().forEach(p -> closing.add(p.stop()));
        try {
            Future.join(closing).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the platforms hold nothing that must survive
        }
        try {
            vertx.close().await(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // the JVM is going away anyway
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("not started within " + START_TIMEOUT.toSeconds() + " s");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A loopback port free now and not handed out before by this federation. */
    private synchronized int freePort() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (chosenPorts.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on loopback", e);
            }
        }
        throw new IllegalStateException("no new free port on loopback after 20 attempts");
    }
}
